namespace NeuronViewer.Core.Collection;

/// <summary>An excerpt kept for one neuron: its index in the corpus stream, its max activation and its activations.</summary>
public readonly record struct KeptExcerpt(long ExcerptIndex, float Max, float[] Activations);
