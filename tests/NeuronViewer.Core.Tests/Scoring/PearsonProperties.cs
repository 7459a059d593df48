using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NeuronViewer.Core.Scoring;

namespace NeuronViewer.Core.Tests.Scoring;

/// <summary>Properties of the correlation score.</summary>
public class PearsonProperties
{
    private static Gen<double> Value => Gen.Choose(-100_000, 100_000).Select(i => i / 100.0);

    private static Gen<(double[] X, double[] Y)> Pairs =>
        Gen.Choose(2, 40).SelectMany(n => Value.ArrayOf(n).Zip(Value.ArrayOf(n)));

    private static Gen<double> PositiveScale => Gen.Choose(1, 10_000).Select(i => i / 100.0);

    [Property(MaxTest = 300)]
    public Property Pearson_is_in_range_and_unchanged_by_positive_affine_maps() =>
        Prop.ForAll(Pairs.ToArbitrary(), PositiveScale.ToArbitrary(), Value.ToArbitrary(), (pair, scale, shift) =>
        {
            var (x, y) = pair;
            var r = ScoreFunctions.EvCorrelation(x, y);
            if (double.IsNaN(r))
            {
                Assert.True(x.Distinct().Count() == 1 || y.Distinct().Count() == 1, "NaN only for constant input");
                return;
            }

            Assert.InRange(r, -1.0, 1.0);
            // Absolute tolerances, not rounding to N digits: two values 1e-16 apart can round to different 12th digits.
            Assert.Equal(r, ScoreFunctions.EvCorrelation(x.Select(v => (scale * v) + shift).ToArray(), y), 1e-7);
            Assert.Equal(r, ScoreFunctions.EvCorrelation(x, y.Select(v => (scale * v) + shift).ToArray()), 1e-7);
            Assert.Equal(-r, ScoreFunctions.EvCorrelation(x, y.Select(v => -v).ToArray()), 1e-9);
            Assert.Equal(r, ScoreFunctions.EvCorrelation(y, x), 1e-12);
        });

    [Property(MaxTest = 200)]
    public Property Pearson_is_NaN_for_constant_input() =>
        Prop.ForAll(Value.ArrayOf().ToArbitrary(), Value.ToArbitrary(), (x, c) =>
        {
            var constant = x.Select(_ => c).ToArray();
            Assert.True(double.IsNaN(ScoreFunctions.EvCorrelation(x, constant)));
            Assert.True(double.IsNaN(ScoreFunctions.EvCorrelation(constant, x)));
        });

    [Property(MaxTest = 200)]
    public Property Pearson_of_a_series_with_itself_is_one_unless_constant() =>
        Prop.ForAll(Pairs.ToArbitrary(), pair =>
        {
            var x = pair.X;
            var r = ScoreFunctions.EvCorrelation(x, x);
            Assert.True(x.Distinct().Count() == 1 ? double.IsNaN(r) : Math.Abs(r - 1) < 1e-12, $"r = {r}");
        });

    [Fact]
    public void Constant_decimal_that_numpy_would_turn_into_noise_is_NaN()
    {
        Assert.True(double.IsNaN(ScoreFunctions.EvCorrelation([0.1, 0.1, 0.1], [1, 2, 3])));
    }
}
