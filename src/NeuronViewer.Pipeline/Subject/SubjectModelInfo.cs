using NeuronViewer.Core.Abstractions;

namespace NeuronViewer.Pipeline.Subject;

/// <summary>What the loaded subject model is: name, source, content revision, dtype, activation function and shape.</summary>
public sealed record SubjectModelInfo(
    string Name,
    string Source,
    string Revision,
    string DType,
    string ActivationFunction,
    int Layers,
    int NeuronsPerLayer,
    int ModelDim,
    int ContextLength,
    string Device)
{
    /// <summary>Every neuron of every layer.</summary>
    public long NeuronCount => (long)Layers * NeuronsPerLayer;

    /// <summary>A short label for pages and logs, e.g. "bundled · 6 layers × 512 neurons".</summary>
    public string Label => $"{Name} · {Layers} layers × {NeuronsPerLayer} neurons";

    /// <summary>The provenance of a result made with this model (the time is now).</summary>
    public Provenance Provenance(string dataset, string? explainer = null, string? simulator = null, string? promptFormatVersion = null, int? seed = null) =>
        new(Name, Revision, DType, ActivationFunction, dataset, explainer, simulator, promptFormatVersion, seed, DateTimeOffset.UtcNow);
}
