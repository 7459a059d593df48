namespace NeuronViewer.Storage;

/// <summary>A storage problem a person can act on (folder not writable, database locked, bad input), with a one-line message.</summary>
public sealed class StorageException : Exception
{
    public StorageException(string message) : base(message) { }

    public StorageException(string message, Exception innerException) : base(message, innerException) { }
}
