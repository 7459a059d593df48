using System.Globalization;

namespace NeuronViewer.Explainers.Offline;

/// <summary>One position of a train record: its tokens, index, normalised activation (0–10) and the number it belongs to.</summary>
internal sealed record Position(IReadOnlyList<string> Tokens, int Index, int Value, NumberSpan? Span)
{
    public string Token => Tokens[Index];

    public string Key => TokenClasses.Key(Token);

    /// <summary>The nearest non-blank token before (−1) or after (+1), as a key; null at the edge.</summary>
    public string? Neighbour(int step)
    {
        for (var j = Index + step; j >= 0 && j < Tokens.Count; j += step)
        {
            var key = TokenClasses.Key(Tokens[j]);
            if (key.Length > 0)
                return key;
        }
        return null;
    }
}

/// <summary>A candidate explanation of the statistics explainer: its family, its text, and the positions it claims.</summary>
internal sealed record Rule(string Family, string Text, Func<Position, bool> Predicts);

/// <summary>The rule families of the statistics explainer, each phrased so that the offline simulator reads it back.</summary>
internal static class ExplainerRules
{
    public static IEnumerable<Rule> All(List<Position> positions, List<string> topTokens)
    {
        var hot = positions.Where(p => p.Value >= 5 && p.Key.Length > 0).ToList();
        if (hot.Count == 0)
            hot = [.. positions.Where(p => p.Value > 0 && p.Key.Length > 0)];
        for (var k = 1; k <= Math.Min(5, topTokens.Count); k++)
        {
            var set = topTokens.Take(k).ToHashSet();
            yield return new Rule("tokens", Tokens(topTokens.Take(k).ToList()), p => set.Contains(p.Key));
        }
        var before = Ranked(hot, p => p.Neighbour(-1));
        var after = Ranked(hot, p => p.Neighbour(+1));
        foreach (var b in before.Take(3))
            yield return new Rule("after", $"the word after {TokenClasses.Quote(b)}", p => p.Neighbour(-1) == b);
        foreach (var a in after.Take(3))
            yield return new Rule("before", $"the word before {TokenClasses.Quote(a)}", p => p.Neighbour(+1) == a);
        if (topTokens.Count > 0 && before.Count > 0 && before[0] != topTokens[0])
            yield return new Rule("token+after", $"{Tokens([topTokens[0]])} and the word after {TokenClasses.Quote(before[0])}",
                p => p.Key == topTokens[0] || p.Neighbour(-1) == before[0]);
        foreach (var rule in NumberRules(hot, positions))
            yield return rule;
        yield return new Rule("names", "capitalised words such as names", p => TokenClasses.IsNameAt(p.Tokens, p.Index));
        yield return new Rule("punctuation", "punctuation marks", p => TokenClasses.IsPunctuation(p.Token));
        foreach (var (_, characters, label) in TokenClasses.PunctuationNames)
        {
            if (hot.Any(p => TokenClasses.IsOneOf(p.Token, characters)))
                yield return new Rule("punctuation", label, p => TokenClasses.IsOneOf(p.Token, characters));
        }
        foreach (var suffix in TokenClasses.Suffixes)
            yield return new Rule("suffix", $"words ending in \"{suffix}\"", p => p.Key.Length > suffix.Length + 1 && p.Key.EndsWith(suffix, StringComparison.Ordinal));
    }

    /// <summary>Numbers; years when the firing numbers look like years; single digits; numbers above a round threshold below every firing number.</summary>
    private static IEnumerable<Rule> NumberRules(List<Position> hot, List<Position> positions)
    {
        yield return new Rule("numbers", "numbers", p => p.Span is not null);
        var firing = hot.Select(p => p.Span).OfType<NumberSpan>().ToList();
        if (firing.Count == 0)
            yield break;
        if (firing.All(s => s.IsYearLike))
            yield return new Rule("numbers", "years", p => p.Span is { IsYearLike: true });
        if (firing.All(s => s.Digits.Length == 1))
            yield return new Rule("numbers", "single digit numbers", p => p.Span is { Digits.Length: 1 });
        var threshold = RoundBelow(firing.Min(s => s.Value));
        if (threshold >= 10 && positions.Any(p => p.Span is { } s && s.Value <= threshold))
            yield return new Rule("numbers", $"numbers greater than {Words(threshold)}", p => p.Span is { } s && s.Value > threshold);
    }

    /// <summary>The largest power of ten (of a thousand from 1,000 on) strictly below <paramref name="value"/>.</summary>
    private static double RoundBelow(double value)
    {
        var round = 1.0;
        foreach (var step in new[] { 10.0, 100, 1e3, 1e6, 1e9 })
        {
            if (step < value)
                round = step;
        }
        return round;
    }

    private static string Words(double value) => value switch
    {
        1e9 => "one billion",
        1e6 => "one million",
        1e3 => "one thousand",
        _ => value.ToString("0", CultureInfo.InvariantCulture),
    };

    /// <summary>"the token "x"", "the character "&lt;"" for one punctuation character, "the tokens "a", "b" and "c"".</summary>
    private static string Tokens(List<string> keys)
    {
        if (keys.Count == 1)
            return (keys[0].Length == 1 && TokenClasses.IsPunctuation(keys[0]) ? "the character " : "the token ") + TokenClasses.Quote(keys[0]);
        var quoted = keys.Select(TokenClasses.Quote).ToList();
        return "the tokens " + string.Join(", ", quoted.Take(quoted.Count - 1)) + " and " + quoted[^1];
    }

    /// <summary>Keys ordered by summed activation at hot positions, then by key for determinism.</summary>
    private static List<string> Ranked(IEnumerable<Position> hot, Func<Position, string?> key) =>
        [.. hot.Select(p => (Key: key(p), p.Value)).Where(x => x.Key is { Length: > 0 })
            .GroupBy(x => x.Key!)
            .OrderByDescending(g => g.Sum(x => x.Value)).ThenBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => g.Key)];
}
