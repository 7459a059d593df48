namespace NeuronViewer.Pipeline.Exchange;

/// <summary>Provenance recorded for imported neuron records, and limits on what is accepted.</summary>
public sealed record ImportOptions
{
    public string SubjectModel { get; init; } = "unknown (imported)";

    public string SubjectModelRevision { get; init; } = "";

    public string DType { get; init; } = "";

    public string ActivationFunction { get; init; } = "";

    public string Dataset { get; init; } = "OpenAI public dataset layout";

    /// <summary>The largest file accepted (the public records are about 0.25 MB).</summary>
    public long MaxFileBytes { get; init; } = 64L << 20;

    /// <summary>How many problems are listed at most (any problem refuses the whole import).</summary>
    public int MaxProblems { get; init; } = 20;
}

/// <summary>What an import wrote.</summary>
public sealed record ImportReport(int Records, int Explanations, int Scores, int? RunId, IReadOnlyList<string> Skipped);
