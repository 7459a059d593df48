using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NeuronViewer.Core.Formatting;
using NeuronViewer.Core.Records;

namespace NeuronViewer.Core.Tests.Formatting;

/// <summary>Normalisation to 0..10, the max activation and the zero-filtered repeat threshold (spec §3).</summary>
public class ActivationNormalizationTests
{
    [Fact]
    public void Uses_floor_clamps_at_10_and_zeroes_negatives_and_NaN()
    {
        Assert.Equal([0, 0, 9, 10, 10, 0, 1], ActivationNormalization.NormalizeActivations([-3, 0.59999, 5.99, 6, 60, double.NaN, 0.6], 6));
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-1.0)]
    public void Non_positive_max_gives_all_zeros(double max)
    {
        Assert.Equal([0, 0, 0], ActivationNormalization.NormalizeActivations([5, -1, 0], max));
    }

    [Fact]
    public void Max_activation_applies_relu_and_refuses_empty_input()
    {
        Assert.Equal(0.0, ActivationNormalization.CalculateMaxActivation([new ActivationRecord(["a", "b"], [-1, -0.2])]));
        Assert.Contains("no activation records", Assert.Throws<ArgumentException>(() => ActivationNormalization.CalculateMaxActivation([])).Message, StringComparison.Ordinal);
        var e = Assert.Throws<ArgumentException>(() => ActivationNormalization.CalculateMaxActivation([new(["a"], [1]), new([], [])]));
        Assert.Contains("Activation record 1 is empty", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Zero_filtered_repeat_uses_a_strict_threshold_of_one_fifth()
    {
        Assert.Equal(0.2, ActivationNormalization.ZeroFilteredRepeatThreshold);
        ActivationRecord[] exactlyOneFifth = [new(["a", "b", "c", "d", "e"], [1, 0, 0, 0, 0])];
        ActivationRecord[] belowOneFifth = [new(["a", "b", "c", "d", "e", "f"], [1, 0, 0, 0, 0, 0])];
        Assert.False(ActivationNormalization.NeedsZeroFilteredRepeat(exactlyOneFifth, 1));
        Assert.True(ActivationNormalization.NeedsZeroFilteredRepeat(belowOneFifth, 1));
    }

    private static Gen<double> Activation => Gen.Choose(-200_000, 200_000).Select(i => i / 1000.0);

    [Property(MaxTest = 300)]
    public Property Normalisation_is_monotone_and_bounded() =>
        Prop.ForAll(Activation.ArrayOf().ToArbitrary(), Gen.Choose(1, 100_000).Select(i => i / 1000.0).ToArbitrary(), (values, max) =>
        {
            var normalized = ActivationNormalization.NormalizeActivations(values, max);
            Assert.All(normalized, v => Assert.InRange(v, 0, 10));
            var order = Enumerable.Range(0, values.Length).OrderBy(i => values[i]).ToArray();
            for (var k = 1; k < order.Length; k++)
                Assert.True(normalized[order[k - 1]] <= normalized[order[k]], $"{values[order[k - 1]]}→{normalized[order[k - 1]]} > {values[order[k]]}→{normalized[order[k]]}");
            for (var i = 0; i < values.Length; i++)
            {
                if (values[i] > max)
                    Assert.Equal(10, normalized[i]);
                if (normalized[i] == 10)
                    Assert.True(values[i] >= max * (1 - 1e-12), $"{values[i]} < {max} gave 10");
                if (values[i] <= 0)
                    Assert.Equal(0, normalized[i]);
            }
        });

    [Fact]
    public void The_max_itself_can_give_9_through_rounding_as_in_the_reference()
    {
        // 10 * 118.762 / 118.762 is 9.999999999999998 in IEEE doubles (Python gives the same), so floor gives 9.
        Assert.Equal([9, 10], ActivationNormalization.NormalizeActivations([118.762, 200], 118.762));
        Assert.Equal([10], ActivationNormalization.NormalizeActivations([56.658], 56.658));
    }

    [Property(MaxTest = 200)]
    public Property The_records_own_max_normalises_to_9_or_10_and_is_the_top_value() =>
        Prop.ForAll(Activation.NonEmptyListOf().Select(l => l.ToArray()).ToArbitrary(), values =>
        {
            var record = new ActivationRecord(values.Select(_ => "t").ToArray(), values);
            var max = ActivationNormalization.CalculateMaxActivation([record]);
            var normalized = ActivationNormalization.NormalizeActivations(values, max);
            Assert.Equal(max > 0, normalized.Max() >= 9);
            Assert.Equal(normalized.Max(), normalized[Array.IndexOf(values, values.Max())]);
            Assert.Equal(Math.Max(0, values.Max()), max);
        });
}
