using NeuronViewer.Web.Viewer;

namespace NeuronViewer.Web.Tests.Viewer;

/// <summary>Simulates dichromatic colour vision (Viénot, Brettel and Mollon 1999) to check hues stay apart for colour-blind readers.</summary>
public static class ColorVision
{
    public enum Deficiency { Protanopia, Deuteranopia }

    public static (double R, double G, double B) Simulate(Rgb c, Deficiency deficiency)
    {
        var (r, g, b) = (Linear(c.R), Linear(c.G), Linear(c.B));
        var l = 17.8824 * r + 43.5161 * g + 4.11935 * b;
        var m = 3.45565 * r + 27.1554 * g + 3.86714 * b;
        var s = 0.0299566 * r + 0.184309 * g + 1.46709 * b;
        if (deficiency == Deficiency.Protanopia)
            l = 2.02344 * m - 2.52581 * s;
        else
            m = 0.494207 * l + 1.24827 * s;
        var rr = 0.0809444479 * l - 0.130504409 * m + 0.116721066 * s;
        var gg = -0.0102485335 * l + 0.0540193266 * m - 0.113614708 * s;
        var bb = -0.000365296938 * l - 0.00412161469 * m + 0.693511405 * s;
        return (Gamma(rr), Gamma(gg), Gamma(bb));
    }

    /// <summary>Euclidean distance in gamma-encoded RGB, 0–255 per channel.</summary>
    public static double Distance((double R, double G, double B) a, (double R, double G, double B) b) =>
        Math.Sqrt(Math.Pow(a.R - b.R, 2) + Math.Pow(a.G - b.G, 2) + Math.Pow(a.B - b.B, 2));

    private static double Linear(byte v)
    {
        var c = v / 255.0;
        return c <= 0.04045 ? c / 12.92 : Math.Pow((c + 0.055) / 1.055, 2.4);
    }

    private static double Gamma(double v)
    {
        v = Math.Clamp(v, 0, 1);
        return 255 * (v <= 0.0031308 ? 12.92 * v : 1.055 * Math.Pow(v, 1 / 2.4) - 0.055);
    }
}
