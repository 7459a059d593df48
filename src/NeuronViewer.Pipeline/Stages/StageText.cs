using NeuronViewer.Core.Abstractions;
using NeuronViewer.Storage;

namespace NeuronViewer.Pipeline.Stages;

/// <summary>Small helpers the stages share: provenance from a record's collection run, and failure text with the raw response.</summary>
public static class StageText
{
    /// <summary>Longest raw response kept in an item's error (the full one stays with a failed sequence).</summary>
    public const int MaxRawLength = 4000;

    /// <summary>"reason — raw response: …" with the raw text cut to <see cref="MaxRawLength"/> characters.</summary>
    public static string WithRaw(string reason, string? raw) =>
        string.IsNullOrEmpty(raw) ? reason
            : $"{reason} — raw response: {(raw.Length > MaxRawLength ? raw[..MaxRawLength] + $"… ({raw.Length} characters)" : raw)}";

    /// <summary>The provenance of a result about a neuron whose record came from the given run.</summary>
    public static Provenance Provenance(NeuronViewerStore store, int runId, string? explainer, string? simulator, string? promptFormatVersion, int? seed)
    {
        var run = store.Runs.Get(runId);
        return new Provenance(run?.SubjectModel ?? "unknown", run?.SubjectModelRevision ?? "", run?.DType ?? "", run?.ActivationFunction ?? "",
            run?.Dataset ?? "", explainer, simulator, promptFormatVersion, seed, DateTimeOffset.UtcNow);
    }
}
