namespace NeuronViewer.Explainers.Simulating;

/// <summary>
/// Aligns the tokens a model echoed back to the excerpt's tokens. Exact matches map one to one; otherwise the two
/// token streams are compared character by character with whitespace and case ignored, which repairs tokens the model
/// merged, split or re-spaced. Excerpt tokens with no visible characters that the model dropped map to nothing.
/// </summary>
internal static class TokenAligner
{
    /// <summary>For each excerpt token, the reply tokens that cover it; null with a reason when the texts differ.</summary>
    public static IReadOnlyList<IReadOnlyList<int>>? Align(IReadOnlyList<string> excerpt, IReadOnlyList<string> reply, out string? failure)
    {
        failure = null;
        if (excerpt.Count == reply.Count && excerpt.Zip(reply).All(p => p.First == p.Second || p.First.Trim() == p.Second.Trim()))
            return [.. Enumerable.Range(0, excerpt.Count).Select(i => (IReadOnlyList<int>)[i])];

        var (e, eOwner) = Visible(excerpt);
        var (r, rOwner) = Visible(reply);
        var common = 0;
        while (common < e.Length && common < r.Length && e[common] == r[common])
            common++;
        if (common != e.Length || common != r.Length)
        {
            failure = $"the reply's tokens do not spell the excerpt: they differ at visible character {common} " +
                      $"(excerpt '{Around(e, common)}', reply '{Around(r, common)}'; {excerpt.Count} excerpt tokens, {reply.Count} reply tokens)";
            return null;
        }
        var map = new List<int>[excerpt.Count];
        for (var t = 0; t < excerpt.Count; t++)
            map[t] = [];
        for (var c = 0; c < e.Length; c++)
        {
            var owners = map[eOwner[c]];
            if (owners.Count == 0 || owners[^1] != rOwner[c])
                owners.Add(rOwner[c]);
        }
        return map;
    }

    private static (string Text, int[] Owner) Visible(IReadOnlyList<string> tokens)
    {
        var chars = new System.Text.StringBuilder();
        var owner = new List<int>();
        for (var t = 0; t < tokens.Count; t++)
            foreach (var ch in tokens[t].Replace("\\n", " ", StringComparison.Ordinal).Replace("\\t", " ", StringComparison.Ordinal).Replace("\\r", " ", StringComparison.Ordinal))
                if (!char.IsWhiteSpace(ch))
                {
                    chars.Append(char.ToLowerInvariant(ch));
                    owner.Add(t);
                }
        return (chars.ToString(), [.. owner]);
    }

    private static string Around(string s, int i) => s.Substring(Math.Max(0, i - 10), Math.Min(s.Length, i + 10) - Math.Max(0, i - 10));
}
