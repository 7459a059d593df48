using NeuronViewer.Core.Ablation;
using NeuronViewer.Core.Abstractions;
using NeuronViewer.Core.Calibration;
using NeuronViewer.Core.Records;
using NeuronViewer.Explainers.Scoring;
using NeuronViewer.SubjectModel.Ablation;

namespace NeuronViewer.Pipeline.Ablation;

/// <summary>Options of ablation scoring: records per split, divergence, and excerpts per forward call.</summary>
public sealed record AblationOptions
{
    /// <summary>Records per split (null: as many as the record allows, spec §4).</summary>
    public int? ExamplesPerSplit { get; init; }

    public DivergenceKind Divergence { get; init; } = DivergenceKind.Jsd;

    public int BatchSize { get; init; } = 4;
}

/// <summary>
/// A neuron's ablation, prepared without the subject model: its valid-split excerpts as token ids (null when a token is not in
/// the vocabulary), the mean-ablation constant, and each explanation's calibrated simulation per excerpt.
/// </summary>
public sealed record AblationPlan(
    NeuronId Neuron,
    IReadOnlyList<ActivationRecord> Records,
    int TopCount,
    IReadOnlyList<int[]?> TokenIds,
    MeanActivation Mean,
    IReadOnlyList<PreparedExplanation> Explanations,
    BackendInfo Simulator,
    AblationOptions Options);

/// <summary>One explanation ready to ablate: its linear calibration (null when no calibration record could be simulated) and calibrated values per valid excerpt.</summary>
public sealed record PreparedExplanation(
    string Explanation,
    LinearCalibration? Calibration,
    int CalibrationRecords,
    IReadOnlyList<IReadOnlyList<double>?> Calibrated,
    IReadOnlyList<FailedSimulation> Failures,
    Usage Usage);

/// <summary>An explanation's ablation scores on top-and-random and random-only, with what they were computed from.</summary>
public sealed record ExplanationAblation(
    string Explanation,
    AblationResult TopAndRandom,
    AblationResult RandomOnly,
    LinearCalibration? Calibration,
    int CalibrationRecords,
    IReadOnlyList<FailedSimulation> Failures,
    MeanActivation Mean,
    BackendInfo Simulator,
    Usage Usage)
{
    /// <summary>Valid-split excerpts left out of top-and-random (simulation failed, or a token is not in the vocabulary).</summary>
    public int FailedExcerpts => Failures.Count(f => f.Split is "top" or "random");

    /// <summary>Of those, the random ones (left out of random-only).</summary>
    public int FailedRandomExcerpts => Failures.Count(f => f.Split == "random");
}

/// <summary>A neuron's ablation of every explanation asked for, in the order asked, with what the model passes cost.</summary>
public sealed record NeuronAblation(NeuronId Neuron, IReadOnlyList<ExplanationAblation> Explanations, AblationCost Cost);
