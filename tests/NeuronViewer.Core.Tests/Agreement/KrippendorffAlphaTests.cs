using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NeuronViewer.Core.Agreement;

namespace NeuronViewer.Core.Tests.Agreement;

/// <summary>Krippendorff's α against published examples and a pair-enumeration computation.</summary>
public class KrippendorffAlphaTests
{
    /// <summary>Krippendorff's worked example ("Computing Krippendorff's Alpha-Reliability"): 4 observers × 12 units with missing values, as units × coders.</summary>
    private static readonly double?[][] FourObservers = Transpose(
    [
        [1, 2, 3, 3, 2, 1, 4, 1, 2, null, null, null],
        [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, null, 3],
        [null, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, null],
        [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, null],
    ]);

    /// <summary>The 3 coders × 15 units reliability data used in the literature's second example (units 2 and 14 unrated).</summary>
    private static readonly double?[][] ThreeCoders = Transpose(
    [
        [null, null, null, null, null, 3, 4, 1, 2, 1, 1, 3, 3, null, 3],
        [1, null, 2, 1, 3, 3, 4, 3, null, null, null, null, null, null, null],
        [null, null, 2, 1, 3, 4, 4, null, 2, 1, 1, 3, 3, null, 4],
    ]);

    [Theory]
    [InlineData(MeasurementLevel.Nominal, 0.743)]
    [InlineData(MeasurementLevel.Ordinal, 0.815)]
    [InlineData(MeasurementLevel.Interval, 0.849)]
    [InlineData(MeasurementLevel.Ratio, 0.797)]
    public void Published_values_for_the_four_observer_example(MeasurementLevel level, double published)
    {
        var result = KrippendorffAlpha.Compute(FourObservers, level);
        Assert.Equal(published, Math.Round(result.Alpha, 3));
        Assert.Equal(11, result.UnitsUsed);
        Assert.Equal(40, result.PairableValues);
    }

    [Theory]
    [InlineData(MeasurementLevel.Nominal, 0.691358)]
    [InlineData(MeasurementLevel.Interval, 0.810845)]
    public void Published_values_for_the_three_coder_example(MeasurementLevel level, double published)
    {
        Assert.Equal(published, Math.Round(KrippendorffAlpha.Compute(ThreeCoders, level).Alpha, 6));
    }

    [Fact]
    public void Units_with_fewer_than_two_ratings_are_dropped_and_degenerate_data_is_NaN()
    {
        var withLoneRatings = FourObservers.Append([7.0, null, null, null]).Append([null, null, null, null]).ToArray();
        Assert.Equal(KrippendorffAlpha.Compute(FourObservers, MeasurementLevel.Interval).Alpha, KrippendorffAlpha.Compute(withLoneRatings, MeasurementLevel.Interval).Alpha, 12);

        Assert.True(double.IsNaN(KrippendorffAlpha.Compute([[1, null], [null, 2]], MeasurementLevel.Nominal).Alpha));
        Assert.True(double.IsNaN(KrippendorffAlpha.Compute([[3, 3], [3, 3]], MeasurementLevel.Interval).Alpha));
        Assert.Contains("Unit 1 has a NaN rating", Assert.Throws<ArgumentException>(() => KrippendorffAlpha.Compute([[1, 2], [double.NaN, 1]], MeasurementLevel.Ordinal)).Message, StringComparison.Ordinal);
    }

    private static readonly MeasurementLevel[] Levels = [MeasurementLevel.Nominal, MeasurementLevel.Ordinal, MeasurementLevel.Interval, MeasurementLevel.Ratio];

    /// <summary>Up to 12 units × 2–5 coders, ratings 1–7 with about a third missing.</summary>
    private static Gen<double?[][]> Matrices =>
        from coders in Gen.Choose(2, 5)
        from units in Gen.Choose(2, 12)
        from cells in Gen.Frequency((2, Gen.Choose(1, 7).Select(v => (double?)v)), (1, Gen.Constant((double?)null))).ArrayOf(coders).ArrayOf(units)
        select cells;

    [Property(MaxTest = 300)]
    public Property Alpha_matches_pair_enumeration_at_every_level() =>
        Prop.ForAll(Matrices.ToArbitrary(), matrix =>
        {
            foreach (var level in Levels)
            {
                var alpha = KrippendorffAlpha.Compute(matrix, level).Alpha;
                var pairable = matrix.Where(u => u.Count(v => v.HasValue) >= 2).SelectMany(u => u).Where(v => v.HasValue).ToArray();
                if (pairable.Distinct().Count() < 2)
                {
                    Assert.True(double.IsNaN(alpha), $"{level}: expected NaN with fewer than two distinct pairable values");
                    continue;
                }

                Assert.Equal(ReferenceStatistics.KrippendorffAlpha(matrix, level.ToString().ToLowerInvariant()), alpha, 1e-10);
            }
        });

    [Property(MaxTest = 200)]
    public Property Alpha_is_one_for_perfect_agreement() =>
        Prop.ForAll(Matrices.ToArbitrary(), matrix =>
        {
            // Every coder who rated unit u gives it the same value, (u mod 5) + 1.
            var agreed = matrix.Select((unit, u) => unit.Select(v => v.HasValue ? (double?)((u % 5) + 1) : null).ToArray()).ToArray();
            var pairable = agreed.Where(x => x.Count(v => v.HasValue) >= 2).Select(x => x.First(v => v.HasValue)).Distinct().Count();
            foreach (var level in Levels)
            {
                var alpha = KrippendorffAlpha.Compute(agreed, level).Alpha;
                Assert.True(pairable < 2 ? double.IsNaN(alpha) : alpha == 1.0, $"{level}: α = {alpha} with {pairable} distinct values");
            }
        });

    private static double?[][] Transpose(double?[][] codersByUnits) =>
        Enumerable.Range(0, codersByUnits[0].Length).Select(u => codersByUnits.Select(c => c[u]).ToArray()).ToArray();
}
