using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using NeuronViewer.Core.Simulation;

namespace NeuronViewer.Explainers.Simulating;

/// <summary>
/// Reads a chat reply of <c>token\tvalue</c> lines with its per-token log-probs: at each value position the top
/// log-probs give the distribution over "0".."10" (spec §7.1), also when a tokenizer writes 10 as "1" then "0".
/// </summary>
internal static class LogprobLineReader
{
    /// <summary>The echoed tokens and predictions, one per line that has a TAB; null with a reason when a value is unreadable.</summary>
    public static (List<string> Tokens, List<TokenPrediction> Predictions)? Read(string content, JsonArray? logprobs, out string? failure)
    {
        failure = null;
        var (text, starts, pieces) = Reassemble(content, logprobs);
        var tokens = new List<string>();
        var predictions = new List<TokenPrediction>();
        var lineStart = 0;
        foreach (var line in text.Split('\n'))
        {
            var tab = line.IndexOf('\t', StringComparison.Ordinal);
            if (tab >= 0)
            {
                var after = line[(tab + 1)..];
                var raw = after.Trim();
                if (!TryValue(raw, out var sampled))
                {
                    failure = $"line {tokens.Count + 1} ('{line}') has value '{raw}', not an integer from 0 to 10";
                    return null;
                }
                tokens.Add(line[..tab].Trim(' '));
                var valueAt = lineStart + tab + 1 + (after.Length - after.TrimStart().Length);
                predictions.Add(pieces is null ? TokenPrediction.Point(sampled) : Distribution(text, valueAt, sampled, starts!, pieces));
            }
            lineStart += line.Length + 1;
        }
        if (tokens.Count == 0)
            failure = "the reply has no token<TAB>value lines";
        return tokens.Count == 0 ? null : (tokens, predictions);
    }

    private static (string Text, int[]? Starts, JsonNode?[]? Pieces) Reassemble(string content, JsonArray? logprobs)
    {
        if (logprobs is not { Count: > 0 })
            return (content, null, null);
        var bytes = new List<byte>();
        var starts = new int[logprobs.Count];
        for (var i = 0; i < logprobs.Count; i++)
        {
            starts[i] = bytes.Count;
            bytes.AddRange(TokenBytes(logprobs[i]));
        }
        return (Encoding.UTF8.GetString([.. bytes]), starts, [.. logprobs]);
    }

    private static byte[] TokenBytes(JsonNode? entry) =>
        entry?["bytes"] is JsonArray b && b.Count > 0
            ? [.. b.Select(x => (byte)x!.GetValue<int>())]
            : Encoding.UTF8.GetBytes(entry?["token"]?.GetValue<string>() ?? "");

    private static TokenPrediction Distribution(string text, int valueAt, int sampled, int[] starts, JsonNode?[] pieces)
    {
        var valueByte = Encoding.UTF8.GetByteCount(text.AsSpan(0, valueAt));
        var i = Array.FindLastIndex(starts, s => s <= valueByte);
        if (i < 0)
            return TokenPrediction.Point(sampled);
        var allBytes = Encoding.UTF8.GetBytes(text);
        var prefix = Encoding.UTF8.GetString(allBytes, starts[i], valueByte - starts[i]);
        var probabilities = new Dictionary<int, double>();
        foreach (var alt in Alternatives(pieces[i]))
        {
            if (alt.Text.StartsWith(prefix, StringComparison.Ordinal) && TryValue(alt.Text[prefix.Length..].TrimEnd(), out var v))
                probabilities[v] = probabilities.GetValueOrDefault(v) + Math.Exp(alt.Logprob);
        }
        var own = Encoding.UTF8.GetString(TokenBytes(pieces[i]))[prefix.Length..];
        if (own == "1" && i + 1 < pieces.Length && probabilities.TryGetValue(1, out var p1))
        {
            // "10" written as "1" then "0": split P("1") by the next position's P("0").
            var p0 = Alternatives(pieces[i + 1]).Where(a => a.Text.StartsWith('0')).Sum(a => Math.Exp(a.Logprob));
            probabilities[1] = p1 * (1 - Math.Min(1, p0));
            probabilities[10] = probabilities.GetValueOrDefault(10) + p1 * Math.Min(1, p0);
        }
        return probabilities.Values.Sum() > 0 ? ExpectedValues.FromProbabilities([.. probabilities]) : TokenPrediction.Point(sampled);
    }

    private static IEnumerable<(string Text, double Logprob)> Alternatives(JsonNode? entry) =>
        (entry?["top_logprobs"] as JsonArray ?? []).Select(a => (Encoding.UTF8.GetString(TokenBytes(a)), a?["logprob"]?.GetValue<double>() ?? double.NegativeInfinity));

    private static bool TryValue(string raw, out int value)
    {
        value = ExpectedValues.IsValidActivationString(raw) ? int.Parse(raw, CultureInfo.InvariantCulture) : -1;
        return value >= 0;
    }
}
