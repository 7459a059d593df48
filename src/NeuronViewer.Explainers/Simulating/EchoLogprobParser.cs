using System.Text;
using System.Text.Json.Nodes;
using NeuronViewer.Core.Simulation;

namespace NeuronViewer.Explainers.Simulating;

/// <summary>
/// Parses an echoed completions response of the all-at-once prompt (spec §7.2): for every target token, the top
/// log-probs at its <c>unknown</c> give the distribution. Faithful to the reference: where the reference asserts or
/// returns a short simulation (D5), this reports a failure instead.
/// </summary>
internal static class EchoLogprobParser
{
    public static List<TokenPrediction>? Parse(string text, IReadOnlyList<string> t, IReadOnlyList<JsonObject?> topLogprobs, IReadOnlyList<int> offsets,
        IReadOnlyList<string> tokens, out string? failure)
    {
        failure = null;
        var s = text.LastIndexOf("<start>", StringComparison.Ordinal);
        if (s < 0 || t.Count != offsets.Count || t.Count != topLogprobs.Count)
            return Fail(s < 0 ? "the echoed text has no <start>" : "tokens, text_offset and top_logprobs differ in length", out failure);
        var output = new List<TokenPrediction>();
        for (var i = 2; i < t.Count; i++)
        {
            if (output.Count == tokens.Count)
            {
                if (i + 2 >= t.Count || t[i + 1] != "<" || t[i + 2] != "end")
                    return Fail($"after {tokens.Count} tokens the echo does not continue with <end> (D5)", out failure);
                return output;
            }
            if (offsets[i] < s || t[i - 1] != "\t" || t[i] != "unknown")
                continue;
            var j = i - 2;
            var current = tokens[output.Count];
            if (t[j] == current || IsSplit(t, j, current, out failure))
            {
                output.Add(ExpectedValues.FromTopLogprobs(Pairs(topLogprobs[i])));
            }
            else if (failure is not null)
                return null;
            else if (Decode(t[j]).Contains('\n', StringComparison.Ordinal))
                output.Add(TokenPrediction.Empty);
            else
                return Fail($"echoed token '{t[j]}' does not match subject token '{current}' (D5)", out failure);
        }
        return Fail($"the echo covers {output.Count} of {tokens.Count} tokens (D5: a short simulation)", out failure);
    }

    /// <summary>True when several echoed tokens before <paramref name="j"/> spell <paramref name="current"/>; failure set when they cannot.</summary>
    private static bool IsSplit(IReadOnlyList<string> t, int j, string current, out string? failure)
    {
        failure = null;
        var bytes = new List<byte>();
        var count = 0;
        for (var k = j; k >= 0; k--)
        {
            bytes.InsertRange(0, RawBytes(t[k]));
            count++;
            if (t[k].StartsWith("bytes:", StringComparison.Ordinal) || !IsValidUtf8(bytes))
                continue;
            var merged = Encoding.UTF8.GetString([.. bytes]);
            if (merged.Length < current.Length)
                continue;
            if (!merged.EndsWith(current, StringComparison.Ordinal))
            {
                failure = $"echoed text '{merged}' does not end with subject token '{current}' (D5)";
                return false;
            }
            return count > 1;
        }
        return false;
    }

    /// <summary>A legacy token as bytes: <c>bytes:\xHH…</c> fragments are raw bytes, anything else is UTF-8.</summary>
    internal static byte[] RawBytes(string token)
    {
        if (!token.StartsWith("bytes:", StringComparison.Ordinal))
            return Encoding.UTF8.GetBytes(token);
        var result = new List<byte>();
        var body = token[6..];
        for (var i = 0; i < body.Length; i++)
        {
            if (body[i] == '\\' && i + 3 < body.Length && body[i + 1] == 'x'
                && byte.TryParse(body.AsSpan(i + 2, 2), System.Globalization.NumberStyles.HexNumber, null, out var b))
            {
                result.Add(b);
                i += 3;
            }
            else
                result.Add((byte)body[i]);
        }
        return [.. result];
    }

    private static string Decode(string token) => Encoding.UTF8.GetString(RawBytes(token));

    private static bool IsValidUtf8(List<byte> bytes) => System.Text.Unicode.Utf8.IsValid([.. bytes]);

    private static IEnumerable<KeyValuePair<string, double>> Pairs(JsonObject? top) =>
        top is null ? [] : top.Select(p => new KeyValuePair<string, double>(p.Key, p.Value?.GetValue<double>() ?? double.NegativeInfinity));

    private static List<TokenPrediction>? Fail(string reason, out string? failure)
    {
        failure = reason;
        return null;
    }
}
