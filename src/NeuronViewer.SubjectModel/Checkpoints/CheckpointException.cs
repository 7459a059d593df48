namespace NeuronViewer.SubjectModel.Checkpoints;

/// <summary>A checkpoint folder or file cannot be used; the message is one line naming the file and the problem.</summary>
public sealed class CheckpointException : Exception
{
    public CheckpointException(string message) : base(message) { }

    public CheckpointException(string message, Exception inner) : base(message, inner) { }
}
