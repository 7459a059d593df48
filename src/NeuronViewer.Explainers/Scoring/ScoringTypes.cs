using NeuronViewer.Core.Abstractions;
using NeuronViewer.Core.Records;
using NeuronViewer.Explainers.Configuration;

namespace NeuronViewer.Explainers.Scoring;

/// <summary>How simulations are mapped to activation units before R² and absolute-deviation scores (spec §8).</summary>
public enum CalibrationKind
{
    None,
    Linear,
}

/// <summary>Options of <see cref="ExplanationScorer"/>.</summary>
public sealed record ScoringOptions
{
    /// <summary>Records per split (n); null takes as many as the neuron record allows (spec §4).</summary>
    public int? ExamplesPerSplit { get; init; }

    public CalibrationKind Calibration { get; init; } = CalibrationKind.Linear;

    public int? Seed { get; init; }

    /// <summary>Prices for the cost estimate; null leaves cost unknown.</summary>
    public ProviderOptions? Prices { get; init; }
}

/// <summary>A sequence whose simulation failed: which record, why, and the raw response (never turned into zeros).</summary>
public sealed record FailedSimulation(string Split, int RecordIndex, string Reason, string? RawResponse);

/// <summary>The linear map fitted on the calibration split (x = simulated EV, y = true activation).</summary>
public sealed record CalibrationFit(CalibrationKind Kind, double Slope, double Intercept, int Tokens);

/// <summary>Where a score came from: simulator backend, prompt format, seed, time, usage and estimated cost.</summary>
public sealed record ScoringProvenance(BackendInfo Simulator, int? Seed, DateTimeOffset ScoredAt, Usage Usage, decimal? EstimatedCost);

/// <summary>An explanation's scores on the valid split: top-and-random and random-only, with failures and provenance.</summary>
public sealed record ExplanationScore(
    string Explanation,
    ScoredSimulation TopAndRandom,
    ScoredSimulation RandomOnly,
    IReadOnlyList<FailedSimulation> Failures,
    CalibrationFit? Calibration,
    ScoringProvenance Provenance)
{
    public int FailedSequences => Failures.Count;

    /// <summary>The preferred score: pooled correlation on top-and-random (null when nothing could be scored).</summary>
    public double? PreferredScore => TopAndRandom.EvCorrelationScore is { } s && double.IsFinite(s) ? s : null;

    public ScoredExplanation ToScoredExplanation() => new(Explanation, TopAndRandom);
}
