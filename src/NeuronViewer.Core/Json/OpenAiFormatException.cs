namespace NeuronViewer.Core.Json;

/// <summary>A document that is not valid OpenAI public-dataset JSON, or a value that cannot be written in that format.</summary>
public sealed class OpenAiFormatException : Exception
{
    public OpenAiFormatException()
    {
    }

    public OpenAiFormatException(string message)
        : base(message)
    {
    }

    public OpenAiFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public OpenAiFormatException(string message, string? path, Exception? innerException = null)
        : base(path is null ? message : $"{message} (at {path})", innerException)
    {
        JsonPath = path;
    }

    /// <summary>Where in the document the problem is, e.g. <c>$.random_sample[3].activations</c>; null when unknown.</summary>
    public string? JsonPath { get; }
}
