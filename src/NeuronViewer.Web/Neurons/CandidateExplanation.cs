using NeuronViewer.Storage.Explanations;
using NeuronViewer.Storage.Scores;
using NeuronViewer.Web.Viewer;

namespace NeuronViewer.Web.Neurons;

/// <summary>One stored candidate explanation of a neuron with its latest scores (without simulations), as the neuron page lists it.</summary>
public sealed record CandidateExplanation(
    StoredExplanation Explanation,
    StoredScore? TopAndRandom,
    StoredScore? RandomOnly,
    StoredAblationScore? Ablation)
{
    /// <summary>The view the explanation list shows.</summary>
    public ExplanationView View { get; } = new(
        Explanation.Text,
        Usable(TopAndRandom?.EvCorrelationScore),
        Usable(RandomOnly?.EvCorrelationScore),
        Usable(Ablation?.Score),
        Explanation.Backend);

    /// <summary>The top-and-random score, for ordering (null when not scored).</summary>
    public double? Score => View.TopAndRandomScore;

    private static double? Usable(double? value) => value is { } v && double.IsFinite(v) ? v : null;
}
