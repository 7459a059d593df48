using System.Globalization;
using System.Text;
using NeuronViewer.Core.Formatting;
using NeuronViewer.Core.Records;
using NeuronViewer.Core.Simulation;

namespace NeuronViewer.Core.Prompts;

/// <summary>
/// The logprob-free simulator's prompt and parser (spec §7.4) with defect D8 fixed: the prompt builds, the final value
/// is read (its trailing delimiter stripped), a missing delimiter is tolerated, and a bad reply is a failure, not zeros.
/// </summary>
public static class LogprobFreePrompt
{
    /// <summary>U+0F17, written after every value (or after the TAB when the value is blank).</summary>
    public const string Delimiter = "\u0F17";

    public const string SystemMessage =
        SimulatorPrompts.PredictOneTokenParagraph + "\n\n" +
        "The activation format is token<tab>activation, and activations range from 0 to 10. Most activations will be 0.\n" +
        "For each sequence, you will see the tokens in the sequence where the activations are left blank. You will print " +
        "the exact same tokens verbatim, but with the activations filled in according to the explanation.\n";

    /// <summary>Builds the prompt: every record of every example, then the target's tokens without activations.</summary>
    public static Prompt Build(string explanation, IReadOnlyList<string> tokens, FewShotExampleSet examples, PromptFormat format = PromptFormat.HarmonyV4)
    {
        var builder = new PromptBuilder().Add(PromptRole.System, SystemMessage);
        var k = examples.Examples.Count;
        for (var i = 0; i < k; i++)
        {
            var ex = examples.Examples[i];
            var max = ActivationNormalization.CalculateMaxActivation(ex.ActivationRecords);
            for (var r = 0; r < ex.ActivationRecords.Count; r++)
            {
                var record = ex.ActivationRecords[r];
                var head = r == 0 ? $"Neuron {i + 1}\nExplanation of neuron {i + 1} behavior: {TokenActivationPairPrompt.ExplanationPrefix} {ex.Explanation}\n\n" : "";
                builder.Add(PromptRole.User, head + SequenceUser(r + 1, record.Tokens));
                var values = ActivationNormalization.NormalizeActivations(record.Activations, max);
                builder.Add(PromptRole.Assistant, Lines(record.Tokens, values) + "\n\n");
            }
        }
        builder.Add(PromptRole.User,
            $"Neuron {k + 1}\nExplanation of neuron {k + 1} behavior: {TokenActivationPairPrompt.ExplanationPrefix} {explanation}\n\n" + SequenceUser(1, tokens));
        return builder.Build(format);
    }

    /// <summary>Parses a reply into one 0–10 value per token, or explains why it cannot.</summary>
    public static bool TryParse(string completion, IReadOnlyList<string> tokens, out IReadOnlyList<int> values, out string? failure)
    {
        values = [];
        var text = completion.Trim('\n');
        if (text.EndsWith(Delimiter, StringComparison.Ordinal))
            text = text[..^Delimiter.Length];
        var lines = text.Contains(Delimiter, StringComparison.Ordinal) ? text.Split(Delimiter + "\n") : text.Split('\n');
        var first = Array.FindIndex(lines, l => tokens.Count > 0 && l.StartsWith(tokens[0] + "\t", StringComparison.Ordinal));
        if (first < 0)
            return Fail($"no line starts with the first token '{tokens.FirstOrDefault()}' and a TAB", out failure);
        if (lines.Length - first != tokens.Count)
            return Fail($"{lines.Length - first} lines from the first token on, but {tokens.Count} tokens", out failure);
        var parsed = new int[tokens.Count];
        for (var t = 0; t < tokens.Count; t++)
        {
            var line = lines[first + t].TrimEnd(Delimiter[0]);
            if (!line.StartsWith(tokens[t] + "\t", StringComparison.Ordinal))
                return Fail($"line {t + 1} does not start with token '{tokens[t]}' and a TAB", out failure);
            var rest = line[(tokens[t].Length + 1)..];
            var tab = rest.IndexOf('\t', StringComparison.Ordinal);
            var raw = (tab >= 0 ? rest[..tab] : rest).Trim();
            if (!ExpectedValues.IsValidActivationString(raw))
                return Fail($"line {t + 1} has value '{raw}', not an integer from 0 to 10", out failure);
            parsed[t] = int.Parse(raw, CultureInfo.InvariantCulture);
        }
        values = parsed;
        failure = null;
        return true;
    }

    private static bool Fail(string reason, out string? failure)
    {
        failure = reason;
        return false;
    }

    private static string SequenceUser(int r, IReadOnlyList<string> tokens) =>
        $"Sequence {r} Tokens without Activations:\n" + Lines(tokens, null) + $"\n\nSequence {r} Tokens with Activations:\n";

    private static string Lines(IReadOnlyList<string> tokens, IReadOnlyList<int>? values)
    {
        var sb = new StringBuilder();
        for (var t = 0; t < tokens.Count; t++)
            sb.Append(tokens[t]).Append('\t').Append(values is null ? "" : values[t].ToString(CultureInfo.InvariantCulture)).Append(Delimiter).Append('\n');
        return sb.ToString();
    }
}
