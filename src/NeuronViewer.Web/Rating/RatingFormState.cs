using NeuronViewer.Storage.Rating;

namespace NeuronViewer.Web.Rating;

/// <summary>
/// The rating form's working state for one annotator and task: a rating per candidate, a ranking being built (best first),
/// a comment and the "none fits" flag. Candidates are task positions; the annotator sees them as letters in presentation order.
/// </summary>
public sealed class RatingFormState
{
    private readonly List<int> ranking = [];

    public RatingFormState(IReadOnlyList<int> presentationOrder)
    {
        ArgumentNullException.ThrowIfNull(presentationOrder);
        if (!RatingRules.IsPermutation(presentationOrder, presentationOrder.Count))
            throw new ArgumentException("The presentation order must be a permutation of the candidates.", nameof(presentationOrder));
        PresentationOrder = presentationOrder;
        Ratings = new int?[presentationOrder.Count];
    }

    /// <summary>Task positions in the order shown: PresentationOrder[0] is "A".</summary>
    public IReadOnlyList<int> PresentationOrder { get; }

    public int Count => PresentationOrder.Count;

    /// <summary>Rating per task position; null where not rated yet.</summary>
    public int?[] Ratings { get; }

    /// <summary>Task positions ranked so far, best first.</summary>
    public IReadOnlyList<int> Ranking => ranking;

    public string Comment { get; set; } = "";

    public bool NoneFits { get; set; }

    /// <summary>The letter the annotator sees for a task position ("A" … "E").</summary>
    public string Letter(int candidate) => ((char)('A' + PresentationOrder.ToList().IndexOf(candidate))).ToString();

    /// <summary>Candidates not ranked yet, in presentation order.</summary>
    public IEnumerable<int> Unranked => PresentationOrder.Where(c => !ranking.Contains(c));

    public void Rate(int candidate, int? value) => Ratings[Check(candidate)] = value;

    /// <summary>Adds a candidate at the end of the ranking (or at <paramref name="at"/>); moves it there when already ranked.</summary>
    public void Place(int candidate, int? at = null)
    {
        Check(candidate);
        var from = ranking.IndexOf(candidate);
        if (from >= 0)
            ranking.RemoveAt(from);
        var index = Math.Clamp(at ?? ranking.Count, 0, ranking.Count);
        ranking.Insert(index, candidate);
    }

    public void Unrank(int candidate) => ranking.Remove(candidate);

    /// <summary>Moves a ranked candidate one place up (−1) or down (+1); false when it cannot move.</summary>
    public bool Move(int candidate, int direction)
    {
        var from = ranking.IndexOf(candidate);
        var to = from + Math.Sign(direction);
        if (from < 0 || to < 0 || to >= ranking.Count)
            return false;
        (ranking[from], ranking[to]) = (ranking[to], ranking[from]);
        return true;
    }

    /// <summary>Ranks every candidate by rating, highest first; equal ratings keep their current order.</summary>
    public void OrderByRatings()
    {
        var ordered = RatingRules.OrderByRatings(Ratings, ranking, PresentationOrder);
        ranking.Clear();
        ranking.AddRange(ordered);
    }

    /// <summary>Whether every candidate is rated (so "order by my ratings" gives a full ranking).</summary>
    public bool AllRated => Ratings.All(r => r is not null);

    /// <summary>What still stops a submit, naming candidates by their letters.</summary>
    public IReadOnlyList<string> Problems(RatingScale scale) => RatingRules.Problems(scale, Count, Ratings, ranking, Letter);

    public RatingDraft ToDraft(long taskId, string annotatorId) => new()
    {
        TaskId = taskId, AnnotatorId = annotatorId, Ratings = [.. Ratings], Ranking = [.. ranking],
        PresentationOrder = [.. PresentationOrder], Comment = Comment, NoneFits = NoneFits,
    };

    public RatingSubmission ToSubmission(long taskId, string annotatorId, string annotatorName) => new()
    {
        TaskId = taskId, AnnotatorId = annotatorId, AnnotatorName = annotatorName, Ratings = Ratings.Select(r => r ?? throw new InvalidOperationException("Every candidate must be rated before submitting.")).ToList(),
        Ranking = [.. ranking], PresentationOrder = [.. PresentationOrder], Comment = Comment, NoneFits = NoneFits,
    };

    /// <summary>Restores ratings, ranking, comment and flag (from a draft or a submitted revision); out-of-range entries are dropped.</summary>
    public void Load(IReadOnlyList<int?> ratings, IReadOnlyList<int> ranked, string? comment, bool noneFits)
    {
        for (var c = 0; c < Count; c++)
            Ratings[c] = c < ratings.Count ? ratings[c] : null;
        ranking.Clear();
        ranking.AddRange(ranked.Where(c => c >= 0 && c < Count).Distinct());
        Comment = comment ?? "";
        NoneFits = noneFits;
    }

    private int Check(int candidate)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(candidate);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(candidate, Count);
        return candidate;
    }
}
