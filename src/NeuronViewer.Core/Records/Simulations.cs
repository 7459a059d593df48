namespace NeuronViewer.Core.Records;

/// <summary>The unit of a simulation's values: raw neuron units, or the simulator's 0–10 scale.</summary>
public enum ActivationScale
{
    /// <summary>JSON <c>neuron_activations</c>.</summary>
    NeuronActivations,

    /// <summary>JSON <c>simulated_normalized_activations</c>.</summary>
    SimulatedNormalizedActivations,
}

/// <summary>A simulator's prediction for one token sequence: expected value and distribution per token.</summary>
public sealed record SequenceSimulation(
    IReadOnlyList<string> Tokens,
    IReadOnlyList<double> ExpectedActivations,
    ActivationScale ActivationScale,
    IReadOnlyList<IReadOnlyList<double>> DistributionValues,
    IReadOnlyList<IReadOnlyList<double>> DistributionProbabilities,
    SequenceSimulation? UncalibratedSimulation = null);

/// <summary>A sequence simulation next to the real activations, with its per-sequence scores.</summary>
public sealed record ScoredSequenceSimulation(
    SequenceSimulation Simulation,
    IReadOnlyList<double> TrueActivations,
    double EvCorrelationScore,
    double? RsquaredScore = null,
    double? AbsoluteDevExplainedScore = null);

/// <summary>All scored sequences of one explanation, with scores computed on the pooled tokens.</summary>
public sealed record ScoredSimulation(
    IReadOnlyList<ScoredSequenceSimulation> ScoredSequenceSimulations,
    double? EvCorrelationScore,
    double? RsquaredScore,
    double? AbsoluteDevExplainedScore)
{
    /// <summary>The score the method prefers: the pooled correlation.</summary>
    public double? PreferredScore => EvCorrelationScore;
}

/// <summary>An explanation and how well its simulation matched.</summary>
public sealed record ScoredExplanation(string Explanation, ScoredSimulation ScoredSimulation)
{
    public double? PreferredScore => ScoredSimulation.PreferredScore;
}

/// <summary>A neuron's scored explanations, best first (one line of an OpenAI explanations file).</summary>
public sealed record NeuronSimulationResults(NeuronId NeuronId, IReadOnlyList<ScoredExplanation> ScoredExplanations);
