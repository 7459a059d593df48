using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NeuronViewer.Core.Agreement;

namespace NeuronViewer.Core.Tests.Agreement;

/// <summary>Spearman ρ and Kendall τ-b against textbook values and quadratic definitions.</summary>
public class RankCorrelationTests
{
    [Fact]
    public void Spearman_textbook_example_without_ties()
    {
        // IQ against hours of TV per week (the standard worked example; ρ = −29/165).
        double[] iq = [106, 100, 86, 101, 99, 103, 97, 113, 112, 110];
        double[] tv = [7, 27, 2, 50, 28, 29, 20, 12, 6, 17];
        Assert.Equal(-29.0 / 165, RankCorrelation.Spearman(iq, tv), 12);
    }

    [Fact]
    public void Average_ranks_share_tied_positions()
    {
        Assert.Equal([1.0, 2.5, 2.5, 4, 6, 6, 6], RankCorrelation.AverageRanks([10, 20, 20, 25, 30, 30, 30]));
        Assert.Equal([2.0, 1, 3], RankCorrelation.AverageRanks([5, -1, 7]));
    }

    [Fact]
    public void Kendall_small_examples_by_hand()
    {
        Assert.Equal(1.0 / 3, RankCorrelation.KendallTauB([1, 2, 3], [1, 3, 2]), 12);
        // x = (1,1,2,3), y = (1,2,2,3): C = 4, D = 0, one pair tied in x only, one in y only → 4/√(5·5).
        Assert.Equal(0.8, RankCorrelation.KendallTauB([1, 1, 2, 3], [1, 2, 2, 3]), 12);
        Assert.Equal(-1.0, RankCorrelation.KendallTauB([1, 2, 3, 4], [9, 8, 7, 6]), 12);
    }

    [Fact]
    public void Undefined_cases_are_NaN_and_bad_input_is_refused()
    {
        Assert.True(double.IsNaN(RankCorrelation.KendallTauB([1, 1, 1], [1, 2, 3])));
        Assert.True(double.IsNaN(RankCorrelation.Spearman([1, 2, 3], [4, 4, 4])));
        Assert.True(double.IsNaN(RankCorrelation.Spearman([1], [2])));
        var e = Assert.Throws<ArgumentException>(() => RankCorrelation.KendallTauB([1, 2], [1]));
        Assert.Contains("2 values on one side but 1 on the other", e.Message, StringComparison.Ordinal);
        Assert.Contains("Cannot rank NaN (item 1)", Assert.Throws<ArgumentException>(() => RankCorrelation.Spearman([1, double.NaN], [1, 2])).Message, StringComparison.Ordinal);
    }

    /// <summary>Small integer scales, so ties are frequent (as with ratings).</summary>
    private static Gen<(double[] X, double[] Y)> TiedPairs =>
        Gen.Choose(2, 30).SelectMany(n => Gen.Choose(1, 5).Select(v => (double)v).ArrayOf(n).Zip(Gen.Choose(-3, 3).Select(v => (double)v).ArrayOf(n)));

    [Property(MaxTest = 300)]
    public Property Kendall_matches_pair_enumeration_and_Spearman_matches_mid_rank_Pearson() =>
        Prop.ForAll(TiedPairs.ToArbitrary(), pair =>
        {
            var (x, y) = pair;
            AssertSameOrBothNaN(ReferenceStatistics.KendallTauB(x, y), RankCorrelation.KendallTauB(x, y));
            AssertSameOrBothNaN(ReferenceStatistics.Spearman(x, y), RankCorrelation.Spearman(x, y));
        });

    [Property(MaxTest = 300)]
    public Property Spearman_and_Kendall_are_symmetric_and_within_minus_one_and_one() =>
        Prop.ForAll(TiedPairs.ToArbitrary(), pair =>
        {
            var (x, y) = pair;
            foreach (var f in new Func<double[], double[], double>[] { RankCorrelation.Spearman, RankCorrelation.KendallTauB })
            {
                var forward = f(x, y);
                AssertSameOrBothNaN(forward, f(y, x));
                if (!double.IsNaN(forward))
                    Assert.InRange(forward, -1.0, 1.0);
            }
        });

    [Property(MaxTest = 100)]
    public Property Both_are_one_for_the_same_ranking() =>
        Prop.ForAll(TiedPairs.ToArbitrary(), pair =>
        {
            var x = pair.X;
            var monotone = x.Select(v => (v * v * v) + 1).ToArray();
            if (x.Distinct().Count() < 2)
                return;
            Assert.Equal(1.0, RankCorrelation.Spearman(x, monotone), 12);
            Assert.Equal(1.0, RankCorrelation.KendallTauB(x, monotone), 12);
        });

    private static void AssertSameOrBothNaN(double expected, double actual)
    {
        if (double.IsNaN(expected))
            Assert.True(double.IsNaN(actual), $"expected NaN, got {actual}");
        else
            Assert.Equal(expected, actual, 1e-10); // a tolerance: rounding both to 10 digits can split values 1e-16 apart
    }
}
