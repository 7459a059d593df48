namespace NeuronViewer.Core.Abstractions;

/// <summary>Which explainer or simulator produced a result: kind, model and prompt format version, and whether it is an offline baseline.</summary>
public sealed record BackendInfo(string Kind, string Model, string PromptFormatVersion, bool IsBaseline)
{
    /// <summary>A short label for pages and logs, e.g. "openai chat gpt-4o" or "offline baseline".</summary>
    public string Label => IsBaseline ? $"{Kind} (baseline)" : $"{Kind} {Model}";
}
