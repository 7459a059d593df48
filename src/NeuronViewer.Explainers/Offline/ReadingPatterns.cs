using System.Text.RegularExpressions;

namespace NeuronViewer.Explainers.Offline;

/// <summary>The English patterns the offline simulator looks for in an explanation (straight quotes; curly ones are straightened first).</summary>
internal static partial class ReadingPatterns
{
    private const string Item = "(?:\"(?<q>[^\"]+)\"|'(?<q>[^']+)')";
    private const string Noun = "(?:(?:the|a|an)\\s+)?(?:(?:word|token|character|string|term|symbol)s?\\s+)?";
    private const string NounRequired = "(?:(?:the|a|an)\\s+)?(?:word|token|character|string|term|symbol)s?\\s+";

    /// <summary>"but not …", "excluding …", "except …": the rest of the explanation names what does not count.</summary>
    [GeneratedRegex(@"\b(?:but not|and not|excluding|except(?: for)?|other than|not including|rather than)\b", RegexOptions.IgnoreCase)]
    public static partial Regex Exclusion();

    /// <summary>The token right after a named one: "after "of"", "following the word of", "preceded by "in"".</summary>
    [GeneratedRegex("\\b(?:after|following|preceded by|proceeded by|that follows?|coming after|comes? after)\\s+(?:" + Noun + Item + "|" + NounRequired + "(?<q>[\\w']+|[^\\s\\w\"']))", RegexOptions.IgnoreCase)]
    public static partial Regex After();

    /// <summary>The token right before a named one: "before "an"", "preceding the word an", "followed by "."".</summary>
    [GeneratedRegex("\\b(?:before|preceding|followed by|that precedes?|coming before|comes? before)\\s+(?:" + Noun + Item + "|" + NounRequired + "(?<q>[\\w']+|[^\\s\\w\"']))", RegexOptions.IgnoreCase)]
    public static partial Regex Before();

    /// <summary>"the next word is (likely to be) "an"": the token before it.</summary>
    [GeneratedRegex("\\b(?:next|following|upcoming) (?:word|token)[^\"']{0,40}" + Item, RegexOptions.IgnoreCase)]
    public static partial Regex NextIs();

    /// <summary>"the previous word is "in"": the token after it.</summary>
    [GeneratedRegex("\\b(?:previous|preceding|prior|last) (?:word|token)[^\"']{0,40}" + Item, RegexOptions.IgnoreCase)]
    public static partial Regex PreviousIs();

    [GeneratedRegex("\\b(?:ending|end|ends) (?:in|with)\\s+(?:the suffix\\s+)?(?:\"-?(?<q>[^\"]+)\"|'-?(?<q>[^']+)'|-(?<q>\\w+))", RegexOptions.IgnoreCase)]
    public static partial Regex Suffix();

    [GeneratedRegex("\\b(?:starting|start|starts|beginning|begin|begins) with\\s+(?:the prefix\\s+)?(?:\"(?<q>[^\"]+?)-?\"|'(?<q>[^']+?)-?'|(?<q>\\w+)-)", RegexOptions.IgnoreCase)]
    public static partial Regex Prefix();

    /// <summary>A class noun followed by the items it lists: "the numbers 2, 4, and 5", "the letters "a" and "b"", "the character "&lt;"".</summary>
    [GeneratedRegex("\\b(?:numbers?|digits?|sequences of digits|years?|integers?|letters?|characters?|words?|tokens?|symbols?|strings?|terms?)\\s+(?<items>(?:\"[^\"]+\"|'[^']+'|\\d[\\d,]*\\d|\\d)(?:(?:\\s*,\\s*|\\s+)(?:(?:and|or)\\s+)?(?:\"[^\"]+\"|'[^']+'|\\d[\\d,]*\\d|\\d))*)", RegexOptions.IgnoreCase)]
    public static partial Regex Enumeration();

    /// <summary>One item of an enumeration: quoted text or digits.</summary>
    [GeneratedRegex("\"(?<q>[^\"]+)\"|'(?<q>[^']+)'|(?<q>\\d[\\d,]*\\d|\\d)")]
    public static partial Regex EnumerationItem();

    /// <summary>"the word cup" (unquoted, one word): that exact word, unlike "words related to cups".</summary>
    [GeneratedRegex(@"\bthe (?:word|token|term)\s+(?<q>[A-Za-z][\w']*)", RegexOptions.IgnoreCase)]
    public static partial Regex TheWord();

    /// <summary>Quoted text (double quotes, or single quotes that are not apostrophes).</summary>
    [GeneratedRegex("\"(?<q>[^\"]+)\"|(?<!\\w)'(?<q>[^']+)'(?!\\w)")]
    public static partial Regex Quoted();

    /// <summary>Examples: "(e.g. …)", "such as …", "for example …", up to a closing bracket or the end of the clause.</summary>
    [GeneratedRegex(@"(?:\(\s*(?:e\.g\.|eg|i\.e\.|for example|for instance|such as|like)[^)]*\)|\b(?:e\.g\.|such as|for example|for instance|including)[^.;)]*)", RegexOptions.IgnoreCase)]
    public static partial Regex Examples();

    [GeneratedRegex(@"\b(?:numbers?|numerical|numeric|digits?|numerals?|integers?|figures|quantities|amounts)\b", RegexOptions.IgnoreCase)]
    public static partial Regex Numbers();

    [GeneratedRegex(@"\b(?:years?|dates?)\b", RegexOptions.IgnoreCase)]
    public static partial Regex Years();

    [GeneratedRegex(@"\bsingle[- ]digits?\b", RegexOptions.IgnoreCase)]
    public static partial Regex SingleDigits();

    /// <summary>A comparison with a number: "greater than one million", "under 1,000".</summary>
    [GeneratedRegex("\\b(?<op>greater than|larger than|more than|bigger than|higher than|over|above|exceeding|at least|less than|smaller than|fewer than|lower than|under|below|at most)\\s+(?<n>" + NumberSpans.Pattern + ")\\b", RegexOptions.IgnoreCase)]
    public static partial Regex Comparison();

    [GeneratedRegex(@"\b(?:names?|named|proper nouns?|capitali[sz]ed)\b", RegexOptions.IgnoreCase)]
    public static partial Regex Names();

    [GeneratedRegex(@"\bpunctuation\b", RegexOptions.IgnoreCase)]
    public static partial Regex Punctuation();

    [GeneratedRegex(@"\b(?<o>first|second|third|fourth|fifth|last)\b", RegexOptions.IgnoreCase)]
    public static partial Regex Ordinal();

    [GeneratedRegex(@"\bnegat(?:ed|ion|ions|ive|ing)\b", RegexOptions.IgnoreCase)]
    public static partial Regex Negated();

    [GeneratedRegex(@"\b(?:nothing else|no other|nothing more)\b", RegexOptions.IgnoreCase)]
    public static partial Regex Strict();

    [GeneratedRegex("[A-Za-z]+")]
    public static partial Regex Word();
}
