using NeuronViewer.Core.Abstractions;

namespace NeuronViewer.Explainers.Http;

/// <summary>A provider call that failed for good: HTTP error after retries, or a body that is not the expected JSON; keeps the raw body.</summary>
public sealed class LlmCallException(string message, int? status, string? rawBody, Usage usage) : Exception(message)
{
    public int? Status { get; } = status;

    public string? RawBody { get; } = rawBody;

    public Usage Usage { get; } = usage;
}
