using System.Globalization;
using System.Text;
using NeuronViewer.Core.Formatting;
using NeuronViewer.Core.Records;

namespace NeuronViewer.Core.Prompts;

/// <summary>An excerpt the current explanation simulated badly: its tokens, true activations and simulated values (0–10 scale).</summary>
public sealed record RevisionEvidence(ActivationRecord Record, IReadOnlyList<double> Simulated);

/// <summary>Our revision prompt (spec §15.4; the reference has none): shows the explainer its worst-simulated excerpts.</summary>
public static class RevisionPrompt
{
    public const string Version = "revision-v1";

    public static Prompt Build(string explanation, IReadOnlyList<RevisionEvidence> worst)
    {
        ArgumentNullException.ThrowIfNull(worst);
        var max = worst.Count == 0 ? 0 : ActivationNormalization.CalculateMaxActivation([.. worst.Select(w => w.Record)]);
        var user = new StringBuilder()
            .Append("Current explanation: ").Append(TokenActivationPairPrompt.ExplanationPrefix).Append(' ').Append(explanation.Trim()).Append("\n\n")
            .Append("A simulator that read this explanation predicted these excerpts worst. Each line is token<tab>real activation<tab>predicted activation, both from 0 to 10:");
        foreach (var w in worst)
        {
            user.Append("\n<start>");
            var real = ActivationNormalization.NormalizeActivations(w.Record.Activations, max);
            for (var t = 0; t < w.Record.Tokens.Count; t++)
                user.Append('\n').Append(w.Record.Tokens[t]).Append('\t')
                    .Append(real[t].ToString(CultureInfo.InvariantCulture)).Append('\t')
                    .Append(Math.Round(w.Simulated[t]).ToString(CultureInfo.InvariantCulture));
            user.Append("\n<end>");
        }
        user.Append("\n\nWrite one improved sentence that also accounts for these excerpts.\nRevised explanation: ")
            .Append(TokenActivationPairPrompt.ExplanationPrefix);
        return new PromptBuilder()
            .Add(PromptRole.System, TokenActivationPairPrompt.SystemMessage)
            .Add(PromptRole.User, user.ToString())
            .Build(PromptFormat.HarmonyV4);
    }
}
