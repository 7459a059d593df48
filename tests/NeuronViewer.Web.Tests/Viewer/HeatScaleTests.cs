using NeuronViewer.Web.Viewer;

namespace NeuronViewer.Web.Tests.Viewer;

public class HeatScaleTests
{
    [Fact]
    public void Activation_scale_is_the_largest_positive_value_as_in_the_reference()
    {
        var scale = HeatScale.ForActivations([-7.0, 0.5, 2.5, double.NaN, 1.0], "x");
        Assert.Equal(2.5, scale.Max);
        Assert.Equal(-1, scale.Normalize(-7.0));
        Assert.Equal(0.2, scale.Normalize(0.5), 12);
    }

    [Fact]
    public void Activation_scale_of_negative_only_values_uses_their_magnitude()
    {
        Assert.Equal(0.3, HeatScale.ForActivations([-0.1, -0.3], "x").Max);
        Assert.Equal(0, HeatScale.ForActivations([], "x").Max);
        Assert.Equal(0, HeatScale.ForActivations([0.0, 0.0], "x").Normalize(0));
    }

    [Fact]
    public void Symmetric_scale_is_the_largest_magnitude()
    {
        Assert.Equal(7.0, HeatScale.Symmetric([-7.0, 0.5, 2.5], "x").Max);
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(-1.0)]
    [InlineData(double.PositiveInfinity)]
    public void A_bad_maximum_is_refused_with_a_clear_message(double max)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new HeatScale(max, "x"));
        Assert.Contains("finite number", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1.234, "1.23")]
    [InlineData(-0.171, "−0.17")]
    [InlineData(-0.001, "0.00")]
    [InlineData(double.NaN, "—")]
    public void Values_are_written_with_two_decimals_and_a_real_minus_sign(double value, string expected) =>
        Assert.Equal(expected, ViewerFormat.Value(value));

    [Fact]
    public void A_missing_value_is_a_dash() => Assert.Equal("—", ViewerFormat.Value(null));
}
