using NeuronViewer.Core.Records;

namespace NeuronViewer.Storage.Records;

/// <summary>A stored neuron record and the collection run it came from.</summary>
public sealed record StoredNeuronRecord(NeuronRecord Record, int RunId);

/// <summary>A neuron's related tokens (spec §10): the token look-up table and the weight-based summary, each when computed.</summary>
public sealed record RelatedTokens(TokenLookupTableSummaryOfNeuron? LookupTable, WeightBasedSummaryOfNeuron? WeightBased);
