using NeuronViewer.Core.Prompts;
using NeuronViewer.Core.Records;

namespace NeuronViewer.Explainers.Simulating;

/// <summary>One predicted position of a reply: expected value and the distribution it came from.</summary>
internal readonly record struct Prediction(double ExpectedValue, IReadOnlyList<double> Values, IReadOnlyList<double> Probabilities)
{
    public static Prediction Point(int value) => new(value, [value], [1.0]);

    /// <summary>A token with no visible text that the reply left out (the reference's placeholder: EV 0, empty distribution).</summary>
    public static Prediction Placeholder { get; } = new(0, [], []);
}

/// <summary>Turns reply predictions aligned to excerpt tokens into a <see cref="SequenceSimulation"/> on the 0–10 scale.</summary>
internal static class SimulationBuilder
{
    /// <summary>Aligns reply tokens to the excerpt; a split token takes its strongest piece; null with a reason when alignment fails.</summary>
    public static SequenceSimulation? FromReply(
        IReadOnlyList<string> tokens, IReadOnlyList<string> replyTokens, IReadOnlyList<Prediction> predictions, out string? failure)
    {
        var shown = tokens.Select(ChatSimulatorPrompts.ShowToken).ToList();
        var map = TokenAligner.Align(shown, replyTokens, out failure);
        if (map is null)
            return null;
        var perToken = map.Select(owners => owners.Count == 0
            ? Prediction.Placeholder
            : owners.Select(o => predictions[o]).MaxBy(p => p.ExpectedValue)).ToList();
        return Build(tokens, perToken);
    }

    public static SequenceSimulation Build(IReadOnlyList<string> tokens, IReadOnlyList<Prediction> predictions) =>
        new(tokens,
            [.. predictions.Select(p => p.ExpectedValue)],
            ActivationScale.SimulatedNormalizedActivations,
            [.. predictions.Select(p => p.Values)],
            [.. predictions.Select(p => p.Probabilities)]);
}
