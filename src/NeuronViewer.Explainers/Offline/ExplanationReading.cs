using System.Text.RegularExpressions;
using P = NeuronViewer.Explainers.Offline.ReadingPatterns;

namespace NeuronViewer.Explainers.Offline;

/// <summary>
/// What the offline simulator reads from an explanation: named tokens and numbers, context rules (after/before a token),
/// token classes (numbers with comparisons, years, names, punctuation marks, suffixes and prefixes), an ordinal, a
/// negation condition, exclusions ("but not …") and content words. Plain pattern matching: a baseline, not understanding.
/// </summary>
internal sealed record ExplanationReading
{
    private static readonly HashSet<string> Ignored = new(StringComparer.OrdinalIgnoreCase)
    {
        "the", "a", "an", "of", "and", "or", "in", "on", "at", "to", "for", "with", "by", "as", "is", "are", "be", "being", "been", "that",
        "this", "it", "its", "if", "but", "not", "only", "when", "which", "where", "than", "nothing", "else", "word", "words", "token",
        "tokens", "phrase", "phrases", "instance", "instances", "related", "relating", "references", "reference", "mentions", "mention",
        "language", "passage", "sentence", "text", "particular", "general", "such", "like", "e", "g", "other", "same", "main", "thing",
        "neuron", "does", "find", "things", "part", "parts", "use", "uses", "doesn", "t", "after", "before", "following", "preceded",
        "followed", "proceeded", "ending", "position", "positions", "next", "likely", "character", "characters", "something", "describing",
        "describe", "describes", "indicate", "indicates", "indicating", "occurs", "occur", "context", "contexts", "negated", "they",
        "them", "their", "there", "these", "those", "any", "all", "some", "more", "most", "very", "also", "has", "have", "had", "was",
        "were", "will", "would", "can", "could", "about", "from", "into", "up", "out", "string", "strings", "term", "terms",
    };

    public HashSet<string> Named { get; } = [];
    public HashSet<string> NamedNumbers { get; } = [];
    public HashSet<string> ExampleStems { get; } = [];
    public HashSet<string> After { get; } = [];
    public HashSet<string> Before { get; } = [];
    public HashSet<string> Suffixes { get; } = [];
    public HashSet<string> Prefixes { get; } = [];
    public HashSet<string> ExcludedKeys { get; } = [];
    public HashSet<string> ExcludedStems { get; } = [];
    public bool Numbers { get; private set; }
    public bool Years { get; private set; }
    public bool SingleDigits { get; private set; }
    public Func<double, bool>? NumberCondition { get; private set; }
    public bool Names { get; private set; }
    public bool AllPunctuation { get; private set; }
    public string PunctuationCharacters { get; private set; } = "";

    /// <summary>1-based position among the distinct class matches of a sequence; −1 for the last.</summary>
    public int? Ordinal { get; private set; }

    public bool NegatedOnly { get; private set; }
    public bool Strict { get; private set; }
    public List<string> ContentStems { get; } = [];
    public List<string> ContentWords { get; } = [];

    public bool HasNumberClass => Numbers || Years || SingleDigits || NumberCondition is not null;

    public bool HasClass => HasNumberClass || Names || AllPunctuation || PunctuationCharacters.Length > 0 || Suffixes.Count > 0 || Prefixes.Count > 0;

    public bool HasSpecificRule => Named.Count > 0 || NamedNumbers.Count > 0 || After.Count > 0 || Before.Count > 0 || HasClass;

    public static ExplanationReading Parse(string explanation)
    {
        var reading = new ExplanationReading();
        var text = explanation.Trim().Replace('“', '"').Replace('”', '"').Replace('‘', '\'').Replace('’', '\'');
        var exclusion = P.Exclusion().Match(text);
        var main = exclusion.Success ? text[..exclusion.Index] : text;
        if (exclusion.Success)
            reading.ReadExclusion(text[(exclusion.Index + exclusion.Length)..]);
        reading.ReadMain(main);
        reading.ExcludedStems.ExceptWith(reading.ContentStems);
        reading.ExcludedKeys.ExceptWith(reading.Named);
        return reading;
    }

    private void ReadMain(string text)
    {
        NegatedOnly = P.Negated().IsMatch(text);
        Strict = P.Strict().IsMatch(text);
        text = Take(P.After(), text, After);
        text = Take(P.PreviousIs(), text, After);
        text = Take(P.NextIs(), text, Before);
        text = Take(P.Before(), text, Before);
        text = Take(P.Suffix(), text, Suffixes);
        text = Take(P.Prefix(), text, Prefixes);
        foreach (Match example in P.Examples().Matches(text))
        {
            foreach (Match q in P.Quoted().Matches(example.Value))
                ExampleStems.Add(TokenClasses.Stem(q.Groups["q"].Value));
        }
        foreach (Match list in P.Enumeration().Matches(text))
        {
            foreach (Match item in P.EnumerationItem().Matches(list.Groups["items"].Value))
                AddNamed(item.Groups["q"].Value);
        }
        text = P.Enumeration().Replace(text, " ");
        foreach (Match q in P.Quoted().Matches(text))
            AddNamed(q.Groups["q"].Value);
        text = P.Quoted().Replace(text, " ");
        text = P.TheWord().Replace(text, m =>
        {
            if (Ignored.Contains(m.Groups["q"].Value))
                return m.Value;
            AddNamed(m.Groups["q"].Value);
            return " ";
        });
        ReadClasses(text);
        foreach (var word in P.Word().Matches(text).Select(m => m.Value).Where(w => !Ignored.Contains(w) && !Classy(w)))
        {
            if (!ContentWords.Contains(word.ToLowerInvariant()))
                ContentWords.Add(word.ToLowerInvariant());
            if (!ContentStems.Contains(TokenClasses.Stem(word)))
                ContentStems.Add(TokenClasses.Stem(word));
        }
    }

    private void ReadClasses(string text)
    {
        Years = P.Years().IsMatch(text);
        SingleDigits = P.SingleDigits().IsMatch(text);
        Numbers = P.Numbers().IsMatch(text) && !Years && !SingleDigits;
        var comparison = P.Comparison().Match(text);
        if (comparison.Success && (Numbers || Years || SingleDigits) && NumberSpans.Parse(comparison.Groups["n"].Value) is { } limit)
        {
            NumberCondition = comparison.Groups["op"].Value.ToLowerInvariant() switch
            {
                "at least" => v => v >= limit,
                "at most" => v => v <= limit,
                "less than" or "smaller than" or "fewer than" or "lower than" or "under" or "below" => v => v < limit,
                _ => v => v > limit,
            };
        }
        Names = P.Names().IsMatch(text);
        AllPunctuation = P.Punctuation().IsMatch(text);
        foreach (var (pattern, characters, _) in TokenClasses.PunctuationNames)
        {
            if (Regex.IsMatch(text, $@"\b(?:{pattern})\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant))
                PunctuationCharacters += characters;
        }
        if ((Names || HasNumberClass) && P.Ordinal().Match(text) is { Success: true } ordinal)
        {
            Ordinal = ordinal.Groups["o"].Value.ToLowerInvariant() switch
            {
                "first" => 1, "second" => 2, "third" => 3, "fourth" => 4, "fifth" => 5, _ => -1,
            };
        }
    }

    private void ReadExclusion(string text)
    {
        foreach (Match q in P.Quoted().Matches(text))
            ExcludedKeys.Add(TokenClasses.Key(q.Groups["q"].Value));
        foreach (var word in P.Word().Matches(P.Quoted().Replace(text, " ")).Select(m => m.Value).Where(w => !Ignored.Contains(w) && w.Length > 2))
            ExcludedStems.Add(TokenClasses.Stem(word));
    }

    /// <summary>Class words are read as classes, not as content words (so "numbers" does not also match the token "numbers").</summary>
    private static bool Classy(string word) =>
        P.Numbers().IsMatch(word) || P.Years().IsMatch(word) || P.Names().IsMatch(word) || P.Punctuation().IsMatch(word) || P.Negated().IsMatch(word)
        || P.Ordinal().IsMatch(word);

    private void AddNamed(string item)
    {
        var key = TokenClasses.Key(item);
        if (key.Length == 0)
            return;
        Named.Add(key);
        var digits = key.Replace(",", "", StringComparison.Ordinal);
        if (digits.All(char.IsAsciiDigit))
            NamedNumbers.Add(digits);
    }

    private static string Take(Regex pattern, string text, HashSet<string> into)
    {
        foreach (Match m in pattern.Matches(text))
        {
            var key = TokenClasses.Key(m.Groups["q"].Value);
            if (key.Length > 0)
                into.Add(key);
        }
        return pattern.Replace(text, " ");
    }
}
