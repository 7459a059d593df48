using System.Globalization;

namespace NeuronViewer.Web.Viewer;

/// <summary>An sRGB colour with 8-bit channels, with the mixing and WCAG contrast arithmetic the heatmaps need.</summary>
public readonly record struct Rgb(byte R, byte G, byte B)
{
    /// <summary>The colour as a CSS hex string, e.g. <c>#0072b2</c>.</summary>
    public string Css => string.Create(CultureInfo.InvariantCulture, $"#{R:x2}{G:x2}{B:x2}");

    /// <summary>WCAG 2 relative luminance, 0 (black) to 1 (white).</summary>
    public double RelativeLuminance =>
        0.2126 * Linear(R) + 0.7152 * Linear(G) + 0.0722 * Linear(B);

    /// <summary>WCAG 2 contrast ratio between two colours, 1 to 21.</summary>
    public static double Contrast(Rgb a, Rgb b)
    {
        var (la, lb) = (a.RelativeLuminance, b.RelativeLuminance);
        return (Math.Max(la, lb) + 0.05) / (Math.Min(la, lb) + 0.05);
    }

    /// <summary>Linear interpolation per channel from <paramref name="from"/> (t = 0) to <paramref name="to"/> (t = 1), rounded.</summary>
    public static Rgb Mix(Rgb from, Rgb to, double t)
    {
        t = Math.Clamp(t, 0, 1);
        return new Rgb(Lerp(from.R, to.R, t), Lerp(from.G, to.G, t), Lerp(from.B, to.B, t));
    }

    private static byte Lerp(byte a, byte b, double t) => (byte)Math.Round(a + (b - a) * t, MidpointRounding.AwayFromZero);

    private static double Linear(byte channel)
    {
        var c = channel / 255.0;
        return c <= 0.04045 ? c / 12.92 : Math.Pow((c + 0.055) / 1.055, 2.4);
    }
}
