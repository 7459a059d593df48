using NeuronViewer.Core.Prompts;
using NeuronViewer.Core.Records;
using NeuronViewer.Core.Simulation;

namespace NeuronViewer.Explainers.Simulating;

/// <summary>Turns reply predictions aligned to excerpt tokens into a <see cref="SequenceSimulation"/> on the 0–10 scale.</summary>
internal static class SimulationBuilder
{
    /// <summary>
    /// Aligns reply tokens to the excerpt; a split token takes its strongest piece, a token with no visible text that the reply
    /// left out gets <see cref="TokenPrediction.Empty"/> (the reference's placeholder); null with a reason when alignment fails.
    /// </summary>
    public static SequenceSimulation? FromReply(
        IReadOnlyList<string> tokens, IReadOnlyList<string> replyTokens, IReadOnlyList<TokenPrediction> predictions, out string? failure)
    {
        var shown = tokens.Select(ChatSimulatorPrompts.ShowToken).ToList();
        var map = TokenAligner.Align(shown, replyTokens, out failure);
        if (map is null)
            return null;
        var perToken = map.Select(owners => owners.Count == 0
            ? TokenPrediction.Empty
            : owners.Select(o => predictions[o]).MaxBy(p => p.ExpectedValue)!).ToList();
        return ExpectedValues.ToSequenceSimulation(tokens, perToken);
    }
}
