namespace NeuronViewer.Core.Search;

/// <summary>
/// A search over explanation texts: every word of the query must start a word of the text, compared by stem and in any
/// order ("year numbers" finds "numbers that are years"); "quoted phrases" must appear as written; common words are ignored.
/// </summary>
public sealed class ExplanationSearch
{
    private static readonly HashSet<string> Ignored =
        ["a", "an", "and", "are", "as", "at", "by", "for", "in", "is", "it", "of", "on", "or", "the", "to", "with"];

    private static readonly char[] Quotes = ['"', '“', '”'];

    private readonly string[] stems; // each must be the start of one of the text's word stems
    private readonly string[] phrases; // each must appear in the text (case-insensitive)

    private ExplanationSearch(string[] stems, string[] phrases) => (this.stems, this.phrases) = (stems, phrases);

    /// <summary>True when the query asks for nothing (blank): everything matches.</summary>
    public bool IsEmpty => stems.Length == 0 && phrases.Length == 0;

    /// <summary>Reads a query: quoted parts are phrases, the rest words; common words are dropped unless nothing else is left.</summary>
    public static ExplanationSearch Parse(string? query)
    {
        var phrases = new List<string>();
        var words = new List<string>();
        var parts = (query ?? "").Split(Quotes);
        for (var i = 0; i < parts.Length; i++)
        {
            if (i % 2 == 1 && i < parts.Length - 1) // inside a closed pair of quotes
            {
                if (parts[i].Trim() is { Length: > 0 } phrase)
                    phrases.Add(phrase);
            }
            else
            {
                words.AddRange(Words(parts[i]));
            }
        }
        var kept = words.Where(w => !Ignored.Contains(w)).ToList();
        var stems = (kept.Count > 0 || phrases.Count > 0 ? kept : words).Select(Stem).Distinct().ToArray();
        return new ExplanationSearch(stems, [.. phrases]);
    }

    /// <summary>Whether a text matches (a blank query matches every text, a null text none unless the query is blank).</summary>
    public bool Matches(string? text) => IsEmpty || (text is not null && Matches(text, StemsOf(text)));

    /// <summary>Whether a text matches, given its stems from <see cref="StemsOf"/> (computed once per text by callers that search often).</summary>
    public bool Matches(string text, string[] textStems)
    {
        foreach (var phrase in phrases)
        {
            if (!text.Contains(phrase, StringComparison.OrdinalIgnoreCase))
                return false;
        }
        foreach (var stem in stems)
        {
            var found = false;
            foreach (var candidate in textStems)
            {
                if (candidate.StartsWith(stem, StringComparison.Ordinal))
                {
                    found = true;
                    break;
                }
            }
            if (!found)
                return false;
        }
        return true;
    }

    /// <summary>The stems of a text's words, in order.</summary>
    public static string[] StemsOf(string text) => Words(text).Select(Stem).ToArray();

    /// <summary>The lower-case runs of letters and digits of a text (apostrophes inside words are dropped: "neuron's" → "neurons").</summary>
    private static IEnumerable<string> Words(string text)
    {
        var word = new System.Text.StringBuilder();
        for (var i = 0; i <= text.Length; i++)
        {
            var c = i < text.Length ? text[i] : ' ';
            if (char.IsLetterOrDigit(c))
                word.Append(char.ToLowerInvariant(c));
            else if (c is '\'' or '’' && word.Length > 0 && i + 1 < text.Length && char.IsLetter(text[i + 1]))
                continue;
            else if (word.Length > 0)
            {
                yield return word.ToString();
                word.Clear();
            }
        }
    }

    /// <summary>A light English stem: plural and -ing / -ed endings off ("cities" → "city", "running" → "run", "years" → "year").</summary>
    public static string Stem(string word)
    {
        if (word.Length > 4 && word.EndsWith("ies", StringComparison.Ordinal))
            return word[..^3] + "y";
        if (word.Length > 5 && word.EndsWith("ing", StringComparison.Ordinal) && HasVowel(word[..^3]))
            return Undouble(word[..^3]);
        if (word.Length > 4 && word.EndsWith("ed", StringComparison.Ordinal) && HasVowel(word[..^2]))
            return Undouble(word[..^2]);
        if (word.Length > 4 && (word.EndsWith("sses", StringComparison.Ordinal) || word.EndsWith("xes", StringComparison.Ordinal)
            || word.EndsWith("ches", StringComparison.Ordinal) || word.EndsWith("shes", StringComparison.Ordinal)))
            return word[..^2];
        if (word.Length > 3 && word[^1] == 's' && word[^2] is not ('s' or 'u' or 'i'))
            return word[..^1];
        return word;
    }

    private static bool HasVowel(string stem) => stem.Length >= 4 && stem.AsSpan().IndexOfAny("aeiouy") >= 0;

    /// <summary>"runn" → "run", "stopp" → "stop"; double l, s and z stay ("fall", "pass", "buzz").</summary>
    private static string Undouble(string stem) =>
        stem.Length > 3 && stem[^1] == stem[^2] && stem[^1] is not ('l' or 's' or 'z') && !"aeiou".Contains(stem[^1], StringComparison.Ordinal)
            ? stem[..^1]
            : stem;
}
