namespace NeuronViewer.Core.Records;

/// <summary>An MLP neuron of the subject model: layer and index within the layer, both 0-based (hook point <c>blocks.{L}.mlp.hook_post</c>).</summary>
public readonly record struct NeuronId(int LayerIndex, int NeuronIndex)
{
    /// <summary>The TransformerLens-style hook point whose values are this layer's neurons.</summary>
    public string HookPoint => $"blocks.{LayerIndex}.mlp.hook_post";

    public override string ToString() => $"{LayerIndex}:{NeuronIndex}";
}
