namespace NeuronViewer.Storage.Rating;

/// <summary>
/// What makes a rating complete: every candidate rated on the scale, the ranking a permutation of the candidates, and the
/// ranking consistent with the ratings wherever they differ. Messages name candidates the way the caller shows them.
/// </summary>
public static class RatingRules
{
    /// <summary>Candidates per task (spec §15.3).</summary>
    public const int CandidatesPerTask = 5;

    /// <summary>Every problem in one line each (empty when the rating can be submitted).</summary>
    public static IReadOnlyList<string> Problems(
        RatingScale scale, int candidates, IReadOnlyList<int?> ratings, IReadOnlyList<int> ranking, Func<int, string>? name = null)
    {
        ArgumentNullException.ThrowIfNull(scale);
        ArgumentNullException.ThrowIfNull(ratings);
        ArgumentNullException.ThrowIfNull(ranking);
        name ??= c => $"explanation {c + 1}";
        var problems = new List<string>();
        if (ratings.Count != candidates)
        {
            problems.Add($"Expected {candidates} ratings but got {ratings.Count}.");
            return problems;
        }
        var unrated = Enumerable.Range(0, candidates).Where(c => ratings[c] is null).ToList();
        if (unrated.Count > 0)
            problems.Add($"Rate every explanation: {Join(unrated, name)} {(unrated.Count == 1 ? "has" : "have")} no rating yet.");
        foreach (var c in Enumerable.Range(0, candidates).Where(c => ratings[c] is { } r && !scale.Contains(r)))
            problems.Add($"The rating {ratings[c]} of {name(c)} is outside the scale {scale.Min}–{scale.Max}.");
        var unknown = ranking.Where(c => c < 0 || c >= candidates).Distinct().ToList();
        if (unknown.Count > 0)
            problems.Add($"The ranking refers to {unknown.Count} explanation(s) that are not in this task.");
        var repeated = ranking.Where(c => c >= 0 && c < candidates).GroupBy(c => c).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        if (repeated.Count > 0)
            problems.Add($"The ranking lists {Join(repeated, name)} more than once.");
        var unranked = Enumerable.Range(0, candidates).Where(c => !ranking.Contains(c)).ToList();
        if (unranked.Count > 0)
            problems.Add($"Rank all {candidates} explanations: {Join(unranked, name)} {(unranked.Count == 1 ? "is" : "are")} not ranked yet.");
        if (problems.Count == 0 && FirstConflict(ratings, ranking) is var (above, below))
        {
            problems.Add($"The ranking puts {name(above)} above {name(below)}, but {name(below)} has the higher rating: " +
                         "reorder them, or use “Order by my ratings”.");
        }
        return problems;
    }

    /// <summary>The first pair ranked against the ratings (higher-ranked candidate rated lower), or null when consistent.</summary>
    public static (int Above, int Below)? FirstConflict(IReadOnlyList<int?> ratings, IReadOnlyList<int> ranking)
    {
        ArgumentNullException.ThrowIfNull(ratings);
        ArgumentNullException.ThrowIfNull(ranking);
        for (var i = 0; i < ranking.Count; i++)
        {
            for (var j = i + 1; j < ranking.Count; j++)
            {
                if (Rating(ratings, ranking[i]) is { } a && Rating(ratings, ranking[j]) is { } b && a < b)
                    return (ranking[i], ranking[j]);
            }
        }
        return null;
    }

    /// <summary>
    /// A full ranking that follows the ratings (higher first); ties keep the current ranking's order, then the presentation
    /// order. Unrated candidates go last.
    /// </summary>
    public static List<int> OrderByRatings(IReadOnlyList<int?> ratings, IReadOnlyList<int> ranking, IReadOnlyList<int> presentation)
    {
        ArgumentNullException.ThrowIfNull(ratings);
        ArgumentNullException.ThrowIfNull(ranking);
        ArgumentNullException.ThrowIfNull(presentation);
        int Position(int c)
        {
            var r = IndexOf(ranking, c);
            if (r >= 0)
                return r;
            var p = IndexOf(presentation, c);
            return ratings.Count + (p >= 0 ? p : c);
        }
        return Enumerable.Range(0, ratings.Count)
            .OrderByDescending(c => ratings[c] ?? int.MinValue)
            .ThenBy(Position)
            .ToList();
    }

    /// <summary>Whether <paramref name="order"/> holds each of 0..count−1 exactly once.</summary>
    public static bool IsPermutation(IReadOnlyList<int> order, int count) =>
        order.Count == count && order.All(c => c >= 0 && c < count) && order.Distinct().Count() == count;

    private static int IndexOf(IReadOnlyList<int> list, int value)
    {
        for (var i = 0; i < list.Count; i++)
        {
            if (list[i] == value)
                return i;
        }
        return -1;
    }

    private static int? Rating(IReadOnlyList<int?> ratings, int c) => c >= 0 && c < ratings.Count ? ratings[c] : null;

    private static string Join(IReadOnlyList<int> candidates, Func<int, string> name)
    {
        var names = candidates.Select(name).Order(StringComparer.Ordinal).ToList();
        return names.Count == 1 ? names[0] : string.Join(", ", names.Take(names.Count - 1)) + " and " + names[^1];
    }
}
