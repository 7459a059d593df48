namespace NeuronViewer.Explainers.Offline;

/// <summary>Simple lexical classes of subject tokens shared by the offline explainer and simulator (numbers: <see cref="NumberSpans"/>).</summary>
internal static class TokenClasses
{
    public static string Key(string token) => token.Trim().ToLowerInvariant();

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

    /// <summary>
    /// A likely name: a capitalised word that does not open a sentence; or one that does but appears capitalised inside a
    /// sentence elsewhere in the excerpt, or capitalised more than once and never in lower case.
    /// </summary>
    public static bool IsNameAt(IReadOnlyList<string> tokens, int i)
    {
        if (!IsCapitalised(tokens[i]))
            return false;
        if (!OpensSentence(tokens, i))
            return true;
        var word = tokens[i].Trim();
        int capitalised = 0, lower = 0;
        for (var j = 0; j < tokens.Count; j++)
        {
            var other = tokens[j].Trim();
            if (other == word)
            {
                capitalised++;
                if (j != i && !OpensSentence(tokens, j))
                    return true;
            }
            else if (string.Equals(other, word, StringComparison.OrdinalIgnoreCase))
                lower++;
        }
        return capitalised > 1 && lower == 0;
    }

    private static bool OpensSentence(IReadOnlyList<string> tokens, int i)
    {
        for (var j = i - 1; j >= 0; j--)
        {
            var previous = tokens[j].Trim();
            if (previous.Length > 0)
                return previous.EndsWith('.') || previous.EndsWith('!') || previous.EndsWith('?') || previous.EndsWith(':') || previous is "\"" or "“";
            if (tokens[j].Contains('\n', StringComparison.Ordinal))
                return true;
        }
        return true;
    }

    /// <summary>A negation word or clitic: not, no, never, n't, …</summary>
    public static bool IsNegation(string token)
    {
        var k = Key(token);
        return k is "not" or "no" or "never" or "nor" or "none" or "cannot" or "without" or "'t" or "’t" || k.EndsWith("n't", StringComparison.Ordinal);
    }

    /// <summary>Whether one of the <paramref name="window"/> tokens before <paramref name="i"/> is a negation.</summary>
    public static bool IsNegatedAt(IReadOnlyList<string> tokens, int i, int window = 4)
    {
        for (var j = Math.Max(0, i - window); j < i; j++)
        {
            if (IsNegation(tokens[j]))
                return true;
        }
        return false;
    }

    public static readonly string[] Suffixes = ["ing", "ed", "ly", "tion", "ness", "er", "est"];

    /// <summary>Names of punctuation marks and symbols: the pattern that reads them, the characters they name, a plain label.</summary>
    public static readonly (string Pattern, string Characters, string Label)[] PunctuationNames =
    [
        ("commas?", ",", "commas"), ("periods?|full stops?", ".", "full stops"), ("colons?", ":", "colons"), ("semicolons?", ";", "semicolons"),
        ("question marks?", "?", "question marks"), ("exclamation (?:marks?|points?)", "!", "exclamation marks"),
        ("quotation marks?|quote marks?|quotes", "\"'“”‘’", "quotation marks"), ("apostrophes?", "'’", "apostrophes"),
        ("parenthes[ie]s|brackets?", "()[]{}", "brackets"), ("hyphens?|dash(?:es)?", "-–—", "hyphens and dashes"), ("slash(?:es)?", "/\\", "slashes"),
        ("less[- ]than (?:signs?|symbols?)", "<", "less-than signs"), ("greater[- ]than (?:signs?|symbols?)", ">", "greater-than signs"),
        ("angle brackets?", "<>", "angle brackets"), ("equals? signs?", "=", "equals signs"), ("plus signs?", "+", "plus signs"),
        ("dollar signs?", "$", "dollar signs"), ("percent(?:age)? signs?", "%", "percent signs"), ("ampersands?", "&", "ampersands"),
        ("asterisks?", "*", "asterisks"), ("hash(?:tag)? signs?|pound signs?", "#", "hash signs"), ("underscores?", "_", "underscores"),
    ];

    /// <summary>Whether every character of the trimmed token is one of <paramref name="characters"/>.</summary>
    public static bool IsOneOf(string token, string characters)
    {
        var t = token.Trim();
        return t.Length > 0 && t.All(c => characters.Contains(c, StringComparison.Ordinal));
    }

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
