namespace NeuronViewer.Explainers.Offline;

/// <summary>Simple lexical classes of subject tokens shared by the offline explainer and simulator.</summary>
internal static class TokenClasses
{
    public static string Key(string token) => token.Trim().ToLowerInvariant();

    public static bool IsNumber(string token)
    {
        var t = token.Trim();
        return t.Length > 0 && t.Any(char.IsDigit) && t.All(c => char.IsDigit(c) || c is ',' or '.');
    }

    public static bool IsPunctuation(string token)
    {
        var t = token.Trim();
        return t.Length > 0 && t.All(c => char.IsPunctuation(c) || char.IsSymbol(c));
    }

    public static bool IsCapitalised(string token)
    {
        var t = token.Trim();
        return t.Length > 1 && char.IsUpper(t[0]) && t.Skip(1).All(char.IsLetter);
    }

    public static readonly string[] Suffixes = ["ing", "ed", "ly", "tion", "ness", "er", "est"];

    /// <summary>A crude stem: lower case with one common suffix removed.</summary>
    public static string Stem(string word)
    {
        var w = word.Trim().ToLowerInvariant();
        foreach (var suffix in new[] { "ations", "ation", "ings", "ing", "ies", "ied", "es", "ed", "ly", "s" })
            if (w.Length > suffix.Length + 2 && w.EndsWith(suffix, StringComparison.Ordinal))
            {
                var stem = w[..^suffix.Length];
                return stem.Length > 3 && stem[^1] == stem[^2] && !"aeiou".Contains(stem[^1], StringComparison.Ordinal) ? stem[..^1] : stem;
            }
        return w;
    }

    /// <summary>A token as the explanations quote it: trimmed, in double quotes.</summary>
    public static string Quote(string token) => "\"" + token.Trim() + "\"";
}
