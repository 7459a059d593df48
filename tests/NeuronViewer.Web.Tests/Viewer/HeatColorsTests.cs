using System.Globalization;
using NeuronViewer.Web.Viewer;

namespace NeuronViewer.Web.Tests.Viewer;

public class HeatColorsTests
{
    private static readonly HeatScale Scale = new(4.0, "test");

    [Theory]
    [InlineData(HeatPalette.Activation)]
    [InlineData(HeatPalette.Error)]
    public void Zero_is_the_background_and_the_maximum_is_the_full_colour(HeatPalette palette)
    {
        Assert.Equal(HeatColors.Background, HeatColors.Fill(0, Scale, palette));
        Assert.Equal(HeatColors.FullColor(palette, positive: true), HeatColors.Fill(4.0, Scale, palette));
        Assert.Equal(HeatColors.FullColor(palette, positive: false), HeatColors.Fill(-4.0, Scale, palette));
    }

    [Fact]
    public void Values_beyond_the_maximum_clamp_to_the_full_colour()
    {
        Assert.Equal(HeatColors.Fill(4.0, Scale), HeatColors.Fill(9.5, Scale));
        Assert.Equal(HeatColors.Fill(-4.0, Scale), HeatColors.Fill(-1e9, Scale));
        Assert.Equal(HeatColors.Fill(1.0), HeatColors.Fill(double.PositiveInfinity));
    }

    [Fact]
    public void Nan_and_a_zero_maximum_give_the_background()
    {
        Assert.Equal(HeatColors.Background, HeatColors.Fill(double.NaN, Scale));
        Assert.Equal(HeatColors.Background, HeatColors.Fill(3.0, new HeatScale(0, "empty")));
    }

    [Fact]
    public void Negative_values_take_the_other_hue()
    {
        var positive = HeatColors.Fill(2.0, Scale);
        var negative = HeatColors.Fill(-2.0, Scale);
        // Okabe–Ito blue is blue-dominant, vermilion red-dominant.
        Assert.True(positive.B > positive.R, $"positive {positive.Css} should lean blue");
        Assert.True(negative.R > negative.B, $"negative {negative.Css} should lean red/orange");
    }

    [Theory]
    [InlineData(HeatPalette.Activation, true)]
    [InlineData(HeatPalette.Activation, false)]
    [InlineData(HeatPalette.Error, true)]
    [InlineData(HeatPalette.Error, false)]
    public void Colour_strength_is_monotone_in_the_magnitude(HeatPalette palette, bool positive)
    {
        var sign = positive ? 1 : -1;
        var previous = HeatColors.Background;
        for (var i = 1; i <= 400; i++)
        {
            var current = HeatColors.Fill(sign * i / 400.0, palette);
            Assert.True(current.RelativeLuminance <= previous.RelativeLuminance + 1e-12,
                $"luminance rose between {(i - 1) / 400.0} and {i / 400.0}: {previous.Css} → {current.Css}");
            Assert.True(Distance(current, HeatColors.Background) >= Distance(previous, HeatColors.Background) - 1e-9);
            previous = current;
        }
    }

    [Theory]
    [InlineData(HeatPalette.Activation)]
    [InlineData(HeatPalette.Error)]
    public void Both_hues_are_mixed_by_the_same_fraction_of_the_magnitude(HeatPalette palette)
    {
        foreach (var t in new[] { 0.1, 0.25, 0.5, 0.8 })
        {
            Assert.Equal(t, MixFraction(HeatColors.Fill(t, palette), HeatColors.FullColor(palette, true)), 2);
            Assert.Equal(t, MixFraction(HeatColors.Fill(-t, palette), HeatColors.FullColor(palette, false)), 2);
        }
    }

    [Theory]
    [InlineData(HeatPalette.Activation)]
    [InlineData(HeatPalette.Error)]
    public void Every_cached_style_has_readable_text(HeatPalette palette)
    {
        for (var i = -HeatColors.Levels; i <= HeatColors.Levels; i++)
        {
            var (background, text) = ParseStyle(HeatColors.StyleForNormalized((double)i / HeatColors.Levels, palette));
            Assert.True(Rgb.Contrast(background, text) >= 4.5, $"contrast {Rgb.Contrast(background, text):F2} on {background.Css}");
        }
    }

    [Fact]
    public void The_cached_style_is_the_quantised_fill()
    {
        foreach (var v in new[] { -5.0, -1.234, -0.01, 0, 0.3, 2.71, 4, 12 })
        {
            var (background, _) = ParseStyle(HeatColors.Style(v, Scale));
            var quantised = Math.Round(Scale.Normalize(v) * HeatColors.Levels, MidpointRounding.AwayFromZero) / HeatColors.Levels;
            Assert.Equal(HeatColors.Fill(quantised), background);
        }
    }

    [Theory]
    [InlineData(HeatPalette.Activation, ColorVision.Deficiency.Protanopia)]
    [InlineData(HeatPalette.Activation, ColorVision.Deficiency.Deuteranopia)]
    [InlineData(HeatPalette.Error, ColorVision.Deficiency.Protanopia)]
    [InlineData(HeatPalette.Error, ColorVision.Deficiency.Deuteranopia)]
    public void Positive_and_negative_hues_stay_apart_for_red_green_colour_blind_readers(HeatPalette palette, ColorVision.Deficiency deficiency)
    {
        foreach (var t in new[] { 0.5, 1.0 })
        {
            var positive = ColorVision.Simulate(HeatColors.Fill(t, palette), deficiency);
            var negative = ColorVision.Simulate(HeatColors.Fill(-t, palette), deficiency);
            var distance = ColorVision.Distance(positive, negative);
            Assert.True(distance > 60 * t, $"{palette} at ±{t} under {deficiency}: simulated colours only {distance:F0} apart");
        }
    }

    [Fact]
    public void Error_is_the_difference_of_each_side_normalised_by_its_own_scale()
    {
        var real = new HeatScale(2, "real");
        var simulated = new HeatScale(10, "simulated");
        Assert.Equal(0.5 - 0.2, HeatColors.Error(1, real, 2, simulated), 12);
        Assert.Equal(-1, HeatColors.Error(-5, real, 10, simulated), 12);
        Assert.Equal(0, HeatColors.Error(2, real, 10, simulated), 12);
    }

    [Fact]
    public void The_legend_gradient_runs_from_the_negative_hue_through_the_background_to_the_positive_hue()
    {
        var gradient = HeatColors.Gradient(HeatPalette.Activation, stops: 5);
        var stops = gradient["linear-gradient(to right, ".Length..^1].Split(", ");
        Assert.Equal(HeatColors.FullColor(HeatPalette.Activation, false).Css, stops[0]);
        Assert.Equal(HeatColors.Background.Css, stops[2]);
        Assert.Equal(HeatColors.FullColor(HeatPalette.Activation, true).Css, stops[4]);
    }

    private static double Distance(Rgb a, Rgb b) =>
        Math.Sqrt(Math.Pow(a.R - b.R, 2) + Math.Pow(a.G - b.G, 2) + Math.Pow(a.B - b.B, 2));

    /// <summary>How far a colour is from the background toward the full colour, measured on the channel that moves most.</summary>
    private static double MixFraction(Rgb colour, Rgb full)
    {
        var bg = HeatColors.Background;
        var channels = new[] { (bg.R, full.R, colour.R), (bg.G, full.G, colour.G), (bg.B, full.B, colour.B) };
        var (b, f, c) = channels.MaxBy(x => Math.Abs(x.Item1 - x.Item2));
        return (double)(b - c) / (b - f);
    }

    /// <summary>The colour a rendered token with this normalised value shows (styles are quantised to HeatColors.Levels).</summary>
    internal static Rgb Rendered(double normalized) =>
        HeatColors.Fill(Math.Round(normalized * HeatColors.Levels, MidpointRounding.AwayFromZero) / HeatColors.Levels);

    internal static (Rgb Background, Rgb Text) ParseStyle(string style)
    {
        var parts = style.Split(';').Select(p => p.Split(':')).ToDictionary(p => p[0], p => p[1]);
        return (ParseHex(parts["background-color"]), ParseHex(parts["color"]));
    }

    internal static Rgb ParseHex(string hex) => new(
        byte.Parse(hex.AsSpan(1, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture),
        byte.Parse(hex.AsSpan(3, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture),
        byte.Parse(hex.AsSpan(5, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture));
}
