using System.Globalization;

namespace NeuronViewer.Web.Viewer;

/// <summary>Which pair of hues a heatmap uses: activations (positive/negative) or errors (real above/below simulated).</summary>
public enum HeatPalette
{
    /// <summary>Blue for positive values, vermilion for negative (Okabe–Ito colours, safe for colour-blind readers).</summary>
    Activation,

    /// <summary>Purple where the real activation exceeds the simulation, green where the simulation exceeds it (ColorBrewer PRGn ends).</summary>
    Error,
}

/// <summary>
/// The app's one colour function for signed values: diverging, clamped to [-1, 1] of a <see cref="HeatScale"/>,
/// mixing linearly from the background (at 0) to a full hue (at ±max), with a text colour readable on every background.
/// </summary>
public static class HeatColors
{
    /// <summary>Steps per side used by <see cref="Style"/>; finer than the eye can tell apart.</summary>
    public const int Levels = 256;

    /// <summary>The colour of 0: the page's card background.</summary>
    public static Rgb Background { get; } = new(255, 255, 255);

    /// <summary>Dark text colour (used on light backgrounds): black, so that black or white always reaches 4.5:1 (WCAG AA).</summary>
    public static Rgb DarkText { get; } = new(0, 0, 0);

    /// <summary>Light text colour (used on dark backgrounds).</summary>
    public static Rgb LightText { get; } = new(255, 255, 255);

    private static readonly string[] ActivationStyles = BuildStyles(HeatPalette.Activation);
    private static readonly string[] ErrorStyles = BuildStyles(HeatPalette.Error);

    /// <summary>The full-strength hue of a palette's positive (+max) or negative (−max) end.</summary>
    public static Rgb FullColor(HeatPalette palette, bool positive) => (palette, positive) switch
    {
        (HeatPalette.Activation, true) => new Rgb(0, 114, 178),  // Okabe–Ito blue
        (HeatPalette.Activation, false) => new Rgb(213, 94, 0),  // Okabe–Ito vermilion
        (HeatPalette.Error, true) => new Rgb(118, 42, 131),      // PRGn purple: real above simulated
        (HeatPalette.Error, false) => new Rgb(27, 120, 55),      // PRGn green: simulated above real
        _ => throw new ArgumentOutOfRangeException(nameof(palette), palette, "Unknown heat palette."),
    };

    /// <summary>The background colour for a normalised value in [-1, 1] (clamped; NaN gives the background).</summary>
    public static Rgb Fill(double normalized, HeatPalette palette = HeatPalette.Activation)
    {
        if (double.IsNaN(normalized) || normalized == 0)
            return Background;
        var t = Math.Clamp(normalized, -1, 1);
        return Rgb.Mix(Background, FullColor(palette, t > 0), Math.Abs(t));
    }

    /// <summary>The background colour for a raw value on a scale.</summary>
    public static Rgb Fill(double value, HeatScale scale, HeatPalette palette = HeatPalette.Activation)
    {
        ArgumentNullException.ThrowIfNull(scale);
        return Fill(scale.Normalize(value), palette);
    }

    /// <summary>Dark or light text, whichever contrasts more with the background (always at least 4.5:1).</summary>
    public static Rgb TextOn(Rgb background) =>
        Rgb.Contrast(background, DarkText) >= Rgb.Contrast(background, LightText) ? DarkText : LightText;

    /// <summary>
    /// The inline CSS (<c>background-color:…;color:…</c>) for a raw value on a scale, quantised to
    /// <see cref="Levels"/> steps per side and cached, so rendering thousands of tokens allocates nothing.
    /// </summary>
    public static string Style(double value, HeatScale scale, HeatPalette palette = HeatPalette.Activation)
    {
        ArgumentNullException.ThrowIfNull(scale);
        return StyleForNormalized(scale.Normalize(value), palette);
    }

    /// <summary>The cached inline CSS for a normalised value in [-1, 1].</summary>
    public static string StyleForNormalized(double normalized, HeatPalette palette = HeatPalette.Activation)
    {
        var styles = palette == HeatPalette.Error ? ErrorStyles : ActivationStyles;
        return styles[Quantize(normalized) + Levels];
    }

    /// <summary>
    /// The signed error at one token for the "error" colouring: real and simulated values each normalised by their own
    /// scale, then real − simulated, in [-1, 1] (positive: the simulation missed activation; negative: it over-predicted).
    /// </summary>
    public static double Error(double real, HeatScale realScale, double simulated, HeatScale simulatedScale)
    {
        ArgumentNullException.ThrowIfNull(realScale);
        ArgumentNullException.ThrowIfNull(simulatedScale);
        return Math.Clamp(realScale.Normalize(real) - simulatedScale.Normalize(simulated), -1, 1);
    }

    /// <summary>The CSS <c>linear-gradient</c> of a palette from −max to +max, sampled from <see cref="Fill(double, HeatPalette)"/>.</summary>
    public static string Gradient(HeatPalette palette, int stops = 9)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(stops, 3);
        var parts = new string[stops];
        for (var i = 0; i < stops; i++)
            parts[i] = Fill(-1 + 2.0 * i / (stops - 1), palette).Css;
        return "linear-gradient(to right, " + string.Join(", ", parts) + ")";
    }

    /// <summary>The CSS <c>linear-gradient</c> of a palette's positive half, from 0 to +max.</summary>
    public static string PositiveGradient(HeatPalette palette, int stops = 5)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(stops, 2);
        var parts = new string[stops];
        for (var i = 0; i < stops; i++)
            parts[i] = Fill((double)i / (stops - 1), palette).Css;
        return "linear-gradient(to right, " + string.Join(", ", parts) + ")";
    }

    private static int Quantize(double normalized) =>
        double.IsNaN(normalized) ? 0 : (int)Math.Round(Math.Clamp(normalized, -1, 1) * Levels, MidpointRounding.AwayFromZero);

    private static string[] BuildStyles(HeatPalette palette)
    {
        var styles = new string[2 * Levels + 1];
        for (var i = -Levels; i <= Levels; i++)
        {
            var fill = Fill((double)i / Levels, palette);
            styles[i + Levels] = string.Create(CultureInfo.InvariantCulture, $"background-color:{fill.Css};color:{TextOn(fill).Css}");
        }
        return styles;
    }
}
