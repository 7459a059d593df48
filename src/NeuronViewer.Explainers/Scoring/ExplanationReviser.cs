using NeuronViewer.Core.Abstractions;
using NeuronViewer.Core.Prompts;
using NeuronViewer.Core.Records;

namespace NeuronViewer.Explainers.Scoring;

/// <summary>An explainer that can revise an explanation from excerpts it simulated badly.</summary>
public interface IExplanationReviser
{
    Task<ExplainResult> ReviseAsync(NeuronRecord neuron, string explanation, IReadOnlyList<RevisionEvidence> worst, CancellationToken cancellationToken = default);
}

/// <summary>The outcome of a revision round: the revision (if any), its score, and which one was kept.</summary>
public sealed record RevisionResult(ExplanationScore Original, ExplanationScore? Revision, Usage ExplainerUsage, string? FailureReason)
{
    public bool Improved => Revision?.PreferredScore is { } r && (Original.PreferredScore is not { } o || r > o);

    public ExplanationScore Kept => Improved ? Revision! : Original;
}

/// <summary>Revision (spec §15.4): show the explainer the worst-simulated excerpts, re-score, keep the revision only if it scores better.</summary>
public static class ExplanationReviser
{
    public static async Task<RevisionResult> ReviseAsync(
        NeuronRecord neuron, ExplanationScore best, IExplanationReviser reviser, ISimulator simulator,
        ScoringOptions? options = null, int worstCount = 3, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(best);
        ArgumentNullException.ThrowIfNull(reviser);
        var worst = best.TopAndRandom.ScoredSequenceSimulations
            .OrderByDescending(s => s.Simulation.ExpectedActivations.Zip(s.TrueActivations, (p, r) => Math.Abs(p - r)).DefaultIfEmpty(0).Average())
            .Take(worstCount)
            .Select(s => new RevisionEvidence(
                new ActivationRecord(s.Simulation.Tokens, s.TrueActivations),
                (s.Simulation.UncalibratedSimulation ?? s.Simulation).ExpectedActivations))
            .ToList();
        var revised = await reviser.ReviseAsync(neuron, best.Explanation, worst, cancellationToken).ConfigureAwait(false);
        var text = revised.Explanations.FirstOrDefault(e => !string.Equals(e, best.Explanation, StringComparison.OrdinalIgnoreCase));
        if (revised.Failed || text is null)
            return new RevisionResult(best, null, revised.Usage, revised.FailureReason ?? "the explainer proposed no different explanation");
        var score = await ExplanationScorer.ScoreAsync(neuron, text, simulator, options, cancellationToken).ConfigureAwait(false);
        return new RevisionResult(best, score, revised.Usage, null);
    }
}
