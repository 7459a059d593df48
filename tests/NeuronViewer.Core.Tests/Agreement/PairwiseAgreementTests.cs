using NeuronViewer.Core.Agreement;

namespace NeuronViewer.Core.Tests.Agreement;

/// <summary>Pairwise agreement between scores and ratings, with its tie rule.</summary>
public class PairwiseAgreementTests
{
    [Fact]
    public void Counts_concordant_pairs_among_pairs_ordered_on_both_sides()
    {
        // Items A..E; 10 pairs. A-B (tied score) and C-D (tied rating) are excluded. Of the other 8, A-C, A-D and A-E
        // agree; B-C, B-D, B-E, C-E and D-E are reversed.
        double[] scores = [0.1, 0.1, 0.5, 0.7, 0.2];
        double[] ratings = [1, 5, 3, 3, 4];
        var result = PairwiseAgreement.Compute(scores, ratings);

        Assert.Equal(2, result.TiedPairs);
        Assert.Equal(8, result.PairsUsed);
        Assert.Equal(3, result.ConcordantPairs);
        Assert.Equal(3.0 / 8, result.Agreement);
        Assert.Equal(0, result.ItemsWithoutValue);
    }

    [Fact]
    public void Perfect_and_reversed_orderings()
    {
        Assert.Equal(1.0, PairwiseAgreement.Compute([0.9, 0.5, 0.1], [7, 4, 1]).Agreement);
        Assert.Equal(0.0, PairwiseAgreement.Compute([0.9, 0.5, 0.1], [1, 4, 7]).Agreement);
    }

    [Fact]
    public void Items_without_a_value_are_left_out_and_no_usable_pair_gives_NaN()
    {
        var result = PairwiseAgreement.Compute([double.NaN, 0.2, 0.4], [3, 1, 2]);
        Assert.Equal((1, 1, 1.0), (result.ItemsWithoutValue, result.PairsUsed, result.Agreement));

        var allTied = PairwiseAgreement.Compute([0.3, 0.3], [1, 2]);
        Assert.True(double.IsNaN(allTied.Agreement));
        Assert.Equal(1, allTied.TiedPairs);
        Assert.Contains("2 scores but 1 ratings", Assert.Throws<ArgumentException>(() => PairwiseAgreement.Compute([1, 2], [1])).Message, StringComparison.Ordinal);
    }
}
