using System.Text.RegularExpressions;

namespace NeuronViewer.Core.Prompts;

/// <summary>Post-processing of explainer completions: numbered-list splitting (spec §6.2) and normalisation/deduplication (§15.4).</summary>
public static partial class ExplanationText
{
    /// <summary>Splits a numbered-list completion like the reference: on <c>\n\d+\.</c>, strip leading space and the prefix, trim; empty pieces kept.</summary>
    public static IReadOnlyList<string> SplitNumberedList(string completion, string prefix = TokenActivationPairPrompt.ExplanationPrefix)
    {
        ArgumentNullException.ThrowIfNull(completion);
        return NumberedItem().Split(completion).Select(piece =>
        {
            piece = piece.TrimStart();
            if (piece.StartsWith(prefix, StringComparison.Ordinal))
                piece = piece[prefix.Length..];
            return piece.Trim();
        }).ToList();
    }

    /// <summary>Our stored form (deviation D3): whitespace collapsed and trimmed, a repeated prefix and one trailing period removed.</summary>
    public static string Normalize(string explanation, string prefix = TokenActivationPairPrompt.ExplanationPrefix)
    {
        ArgumentNullException.ThrowIfNull(explanation);
        var text = Whitespace().Replace(explanation, " ").Trim();
        if (text.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            text = text[prefix.Length..].TrimStart();
        if (text.EndsWith('.'))
            text = text[..^1].TrimEnd();
        return text;
    }

    /// <summary>Normalises every candidate and keeps the first of each case-insensitive duplicate; empty ones are dropped.</summary>
    public static IReadOnlyList<string> NormalizeAndDeduplicate(IEnumerable<string> candidates, string prefix = TokenActivationPairPrompt.ExplanationPrefix) =>
        candidates.Select(c => Normalize(c, prefix)).Where(c => c.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase).ToList();

    [GeneratedRegex(@"\n\d+\.")]
    private static partial Regex NumberedItem();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
