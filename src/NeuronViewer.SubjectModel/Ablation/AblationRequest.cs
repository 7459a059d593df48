using NeuronViewer.Core.Ablation;
using NeuronViewer.Core.Records;

namespace NeuronViewer.SubjectModel.Ablation;

/// <summary>
/// One neuron's ablation over excerpts (token ids): the mean it is pinned to, and for each explanation the calibrated simulated
/// activation at every position of every excerpt (null for an excerpt whose simulation failed; it is skipped, never zero-filled).
/// </summary>
public sealed record AblationRequest(
    NeuronId Neuron,
    IReadOnlyList<int[]> Excerpts,
    double Mean,
    IReadOnlyList<IReadOnlyList<IReadOnlyList<double>?>> Simulations,
    DivergenceKind Divergence = DivergenceKind.Jsd);

/// <summary>
/// Per-position divergences from the original output: with the neuron mean-ablated (per excerpt), and with it replaced by each
/// simulation (per simulation, per excerpt; null where that simulation failed).
/// </summary>
public sealed record AblationPasses(
    IReadOnlyList<double[]> MeanAblated,
    IReadOnlyList<IReadOnlyList<double[]?>> Simulated,
    AblationCost Cost);

/// <summary>What an ablation run cost: excerpt passes (one excerpt through the model once), batched forward calls, tokens run, and time.</summary>
public sealed record AblationCost(int ExcerptPasses, int BatchedForwards, long Tokens, TimeSpan Elapsed)
{
    public static AblationCost None { get; } = new(0, 0, 0, TimeSpan.Zero);

    public static AblationCost operator +(AblationCost a, AblationCost b) =>
        new(a.ExcerptPasses + b.ExcerptPasses, a.BatchedForwards + b.BatchedForwards, a.Tokens + b.Tokens, a.Elapsed + b.Elapsed);
}
