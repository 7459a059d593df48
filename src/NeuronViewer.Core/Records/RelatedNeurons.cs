namespace NeuronViewer.Core.Records;

/// <summary>A neuron and the direct-path virtual weight connecting it to another neuron (spec §10).</summary>
public sealed record NeuronConnection(NeuronId Neuron, double Weight);

/// <summary>
/// The neurons most strongly connected to a neuron by neuron→neuron virtual weights: upstream (earlier layers, feeding its
/// <c>c_fc</c> input) and downstream (later layers, fed by its <c>c_proj</c> output), each by sign, strongest first.
/// </summary>
public sealed record RelatedNeurons(
    NeuronId Neuron,
    IReadOnlyList<NeuronConnection> UpstreamPositive,
    IReadOnlyList<NeuronConnection> UpstreamNegative,
    IReadOnlyList<NeuronConnection> DownstreamPositive,
    IReadOnlyList<NeuronConnection> DownstreamNegative);
