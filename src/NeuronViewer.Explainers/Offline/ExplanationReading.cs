using System.Text.RegularExpressions;

namespace NeuronViewer.Explainers.Offline;

/// <summary>What the offline simulator reads from an explanation: quoted tokens, context rules, token classes and content words.</summary>
internal sealed partial record ExplanationReading(
    HashSet<string> Quoted, HashSet<string> After, HashSet<string> Before, HashSet<string> Suffixes,
    bool Numbers, bool Punctuation, bool Capitalised, List<string> ContentStems, List<string> ContentWords)
{
    private static readonly HashSet<string> Ignored = new(StringComparer.OrdinalIgnoreCase)
    {
        "the", "a", "an", "of", "and", "or", "in", "on", "at", "to", "for", "with", "by", "as", "is", "are", "be", "that", "this", "it",
        "its", "if", "but", "not", "only", "when", "which", "where", "than", "nothing", "else", "word", "words", "token", "tokens",
        "phrase", "phrases", "instance", "instances", "related", "relating", "references", "reference", "mentions", "mention",
        "language", "passage", "sentence", "text", "particular", "general", "such", "like", "e", "g", "other", "same", "main",
        "thing", "neuron", "does", "find", "things", "part", "parts", "use", "uses", "doesn", "t", "after", "before", "following",
        "preceded", "followed", "proceeded", "ending", "position", "positions", "next", "likely", "character", "characters",
    };

    public static ExplanationReading Parse(string explanation)
    {
        var text = explanation.Trim();
        var after = Keys(AfterRule().Matches(text));
        var before = Keys(BeforeRule().Matches(text)).Concat(Keys(NextWordRule().Matches(text))).ToHashSet();
        var suffixes = Keys(SuffixRule().Matches(text));
        var quoted = Keys(QuotedText().Matches(text));
        quoted.ExceptWith(after);
        quoted.ExceptWith(before);
        quoted.ExceptWith(suffixes);
        var unquoted = QuotedText().Replace(text, " ");
        var words = Word().Matches(unquoted).Select(m => m.Value).Where(w => !Ignored.Contains(w)).ToList();
        var lower = unquoted.ToLowerInvariant();
        return new ExplanationReading(
            quoted, after, before, suffixes,
            NumberWords().IsMatch(lower), lower.Contains("punctuation", StringComparison.Ordinal), CapitalWords().IsMatch(lower),
            [.. words.Select(TokenClasses.Stem).Distinct()], [.. words.Select(w => w.ToLowerInvariant()).Distinct()]);
    }

    private static HashSet<string> Keys(MatchCollection matches) =>
        [.. matches.Select(m => TokenClasses.Key(m.Groups["q"].Value)).Where(k => k.Length > 0)];

    [GeneratedRegex("[\"\u201C](?<q>[^\"\u201D]+)[\"\u201D]")]
    private static partial Regex QuotedText();

    [GeneratedRegex("(?:after|following|preceded by|proceeded by)\\s+(?:the\\s+)?(?:word|token|character)?\\s*[\"\u201C](?<q>[^\"\u201D]+)[\"\u201D]", RegexOptions.IgnoreCase)]
    private static partial Regex AfterRule();

    [GeneratedRegex("(?:before|followed by)\\s+(?:the\\s+)?(?:word|token|character)?\\s*[\"\u201C](?<q>[^\"\u201D]+)[\"\u201D]", RegexOptions.IgnoreCase)]
    private static partial Regex BeforeRule();

    [GeneratedRegex("next (?:word|token)[^\"\u201C]{0,40}[\"\u201C](?<q>[^\"\u201D]+)[\"\u201D]", RegexOptions.IgnoreCase)]
    private static partial Regex NextWordRule();

    [GeneratedRegex("ending (?:in|with)\\s+[\"\u201C]-?(?<q>[^\"\u201D]+)[\"\u201D]", RegexOptions.IgnoreCase)]
    private static partial Regex SuffixRule();

    [GeneratedRegex("\\b(?:numbers?|numerical|numeric|digits?|numerals?|years?|integers?)\\b")]
    private static partial Regex NumberWords();

    [GeneratedRegex("\\b(?:capitali[sz]ed|names?|proper nouns?)\\b")]
    private static partial Regex CapitalWords();

    [GeneratedRegex("[A-Za-z]+")]
    private static partial Regex Word();
}
