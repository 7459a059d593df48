using System.Globalization;

namespace NeuronViewer.Web.Viewer;

/// <summary>How the viewer writes numbers: two decimals, invariant culture, a real minus sign, "—" for missing values.</summary>
public static class ViewerFormat
{
    /// <summary>The dash shown for a missing (null or NaN) value.</summary>
    public const string Missing = "—";

    /// <summary>A value with two decimals, e.g. "1.23" or "−0.17"; "—" for null or NaN.</summary>
    public static string Value(double? value)
    {
        if (value is not { } v || double.IsNaN(v))
            return Missing;
        if (double.IsInfinity(v))
            return v > 0 ? "∞" : "−∞";
        var text = v.ToString("0.00", CultureInfo.InvariantCulture);
        if (text == "-0.00")
            return "0.00";
        return text.StartsWith('-') ? "−" + text[1..] : text;
    }

    /// <summary>The hover text of a token, as the reference viewer writes it: "Activation: 1.23".</summary>
    public static string Tooltip(string label, double value) => label + ": " + Value(value);
}
