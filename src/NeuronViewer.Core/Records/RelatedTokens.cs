namespace NeuronViewer.Core.Records;

/// <summary>Tokens with a weight each (one direction and sign of a neuron's weight-based token summary).</summary>
public sealed record TokensAndWeights(IReadOnlyList<string> Tokens, IReadOnlyList<double> Strengths);

/// <summary>Direct-path virtual weights between a neuron and vocabulary tokens (spec §10).</summary>
public sealed record WeightBasedSummaryOfNeuron(
    TokensAndWeights InputPositive,
    TokensAndWeights InputNegative,
    TokensAndWeights OutputPositive,
    TokensAndWeights OutputNegative);

/// <summary>The tokens with the highest mean activation of a neuron, highest first (the token look-up table).</summary>
public sealed record TokenLookupTableSummaryOfNeuron(IReadOnlyList<string> Tokens, IReadOnlyList<double> AverageActivations);
