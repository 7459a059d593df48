using NeuronViewer.Core.Records;

namespace NeuronViewer.Web.Viewer;

/// <summary>A neuron connected to the one shown (upstream or downstream), its weight-based connection strength and its explanations.</summary>
public sealed record RelatedNeuronView(NeuronId Neuron, double ConnectionStrength, IReadOnlyList<ExplanationView> Explanations)
{
    /// <summary>The neuron page's address, <c>/neurons/{layer}/{index}</c>.</summary>
    public string Href => $"/neurons/{Neuron.LayerIndex}/{Neuron.NeuronIndex}";
}
