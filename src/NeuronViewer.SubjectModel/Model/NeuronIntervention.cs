using NeuronViewer.Core.Records;
using static TorchSharp.torch;

namespace NeuronViewer.SubjectModel.Model;

/// <summary>Replaces one neuron's post-GELU activation at every position: by given values ([batch, position]) or by a constant.</summary>
public sealed record NeuronIntervention
{
    private NeuronIntervention(NeuronId neuron, Tensor? values, double? constant)
    {
        Neuron = neuron;
        Values = values;
        Constant = constant;
    }

    public NeuronId Neuron { get; }

    /// <summary>Replacement values, shape [batch, position]; null for a constant intervention.</summary>
    public Tensor? Values { get; }

    /// <summary>The constant value (for example the neuron's mean, for mean-ablation); null when <see cref="Values"/> is set.</summary>
    public double? Constant { get; }

    /// <summary>Replaces the neuron's activations with these values, shape [batch, position] (the caller keeps ownership).</summary>
    public static NeuronIntervention Replace(NeuronId neuron, Tensor values) =>
        new(neuron, values ?? throw new ArgumentNullException(nameof(values)), null);

    /// <summary>Replaces the neuron's activations in a single sequence (batch of one) with these values, one per position.</summary>
    public static NeuronIntervention ReplaceSequence(NeuronId neuron, IReadOnlyList<float> values) =>
        new(neuron, tensor(values.ToArray()).unsqueeze(0), null);

    /// <summary>Pins the neuron to a constant at every position.</summary>
    public static NeuronIntervention Pin(NeuronId neuron, double value) => new(neuron, null, value);
}
