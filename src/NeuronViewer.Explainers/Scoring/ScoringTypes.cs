using NeuronViewer.Core.Abstractions;
using NeuronViewer.Core.Calibration;
using NeuronViewer.Core.Records;
using NeuronViewer.Explainers.Configuration;

namespace NeuronViewer.Explainers.Scoring;

/// <summary>Options of <see cref="ExplanationScorer"/>.</summary>
public sealed record ScoringOptions
{
    /// <summary>Records per split (n); null takes as many as the neuron record allows (spec §4).</summary>
    public int? ExamplesPerSplit { get; init; }

    /// <summary>How simulations are mapped to activation units before R² and absolute-deviation scores (spec §8); None leaves them on the 0–10 scale.</summary>
    public CalibrationMethod Calibration { get; init; } = CalibrationMethod.Linear;

    public int? Seed { get; init; }

    /// <summary>Prices for the cost estimate; null leaves cost unknown.</summary>
    public ProviderOptions? Prices { get; init; }
}

/// <summary>A sequence whose simulation failed: which record, why, and the raw response (never turned into zeros).</summary>
public sealed record FailedSimulation(string Split, int RecordIndex, string Reason, string? RawResponse);

/// <summary>The calibration fitted on the calibration split (Core's <see cref="ICalibration"/>) and how many tokens it was fitted on.</summary>
public sealed record CalibrationFit(ICalibration Mapping, int Tokens)
{
    public CalibrationMethod Method => Mapping.Method;

    /// <summary>The slope of a linear calibration; NaN for other methods.</summary>
    public double Slope => Mapping is LinearCalibration linear ? linear.Slope : double.NaN;

    /// <summary>The intercept of a linear calibration; NaN for other methods.</summary>
    public double Intercept => Mapping is LinearCalibration linear ? linear.Intercept : double.NaN;
}

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
