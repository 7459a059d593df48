namespace NeuronViewer.Core.Agreement;

/// <summary>How often two scorings order pairs of items the same way.</summary>
/// <param name="Agreement">Concordant / PairsUsed; NaN when no pair is usable.</param>
/// <param name="ConcordantPairs">Pairs where the item with the higher score also has the higher rating.</param>
/// <param name="PairsUsed">Pairs strictly ordered by both the score and the rating.</param>
/// <param name="TiedPairs">Pairs left out because they are tied on the score, on the rating, or both.</param>
/// <param name="ItemsWithoutValue">Items left out because their score or rating is NaN (e.g. an undefined correlation).</param>
public sealed record PairwiseAgreementResult(double Agreement, int ConcordantPairs, int PairsUsed, int TiedPairs, int ItemsWithoutValue);

/// <summary>Pairwise agreement between automatic scores and human ratings of the same items (spec §15.3).</summary>
public static class PairwiseAgreement
{
    /// <summary>
    /// Over all pairs of items that have both values: the share, among pairs strictly ordered on BOTH sides, where the
    /// higher-scored item is also the higher-rated one. Pairs tied on either side are excluded and counted in
    /// <see cref="PairwiseAgreementResult.TiedPairs"/>; 0.5 is chance for untied data.
    /// </summary>
    public static PairwiseAgreementResult Compute(IReadOnlyList<double> scores, IReadOnlyList<double> ratings)
    {
        ArgumentNullException.ThrowIfNull(scores);
        ArgumentNullException.ThrowIfNull(ratings);
        if (scores.Count != ratings.Count)
            throw new ArgumentException($"Pairwise agreement needs one rating per score: {scores.Count} scores but {ratings.Count} ratings.");
        var items = Enumerable.Range(0, scores.Count).Where(i => !double.IsNaN(scores[i]) && !double.IsNaN(ratings[i])).ToArray();
        int concordant = 0, used = 0, tied = 0;
        for (var a = 0; a < items.Length; a++)
        {
            for (var b = a + 1; b < items.Length; b++)
            {
                var ds = scores[items[a]].CompareTo(scores[items[b]]);
                var dr = ratings[items[a]].CompareTo(ratings[items[b]]);
                if (ds == 0 || dr == 0)
                {
                    tied++;
                    continue;
                }

                used++;
                if (ds == dr)
                    concordant++;
            }
        }

        return new PairwiseAgreementResult(used == 0 ? double.NaN : (double)concordant / used, concordant, used, tied, scores.Count - items.Length);
    }
}
