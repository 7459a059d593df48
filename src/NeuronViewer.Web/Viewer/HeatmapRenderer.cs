using Microsoft.AspNetCore.Components.Rendering;

namespace NeuronViewer.Web.Viewer;

/// <summary>Renders coloured token spans straight into a render tree: one loop, no component per token.</summary>
public static class HeatmapRenderer
{
    /// <summary>The index of the first largest finite value, or -1 when there is none.</summary>
    public static int IndexOfMax(IReadOnlyList<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var best = -1;
        for (var i = 0; i < values.Count; i++)
        {
            if (double.IsFinite(values[i]) && (best < 0 || values[i] > values[best]))
                best = i;
        }
        return best;
    }

    /// <summary>
    /// Adds one span per token, inside its own region: background from <see cref="HeatColors"/>,
    /// the value as a hover title ("Activation: 1.23") and as visually hidden text for screen readers. Tokens that differ
    /// from <paramref name="compareTo"/> at the same position are marked as mismatched.
    /// </summary>
    public static void Tokens(
        RenderTreeBuilder builder, IReadOnlyList<string> tokens, IReadOnlyList<double> values,
        HeatScale scale, HeatPalette palette, string valueLabel, int highlightIndex = -1, IReadOnlyList<string>? compareTo = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(tokens);
        ArgumentNullException.ThrowIfNull(values);
        var count = Math.Min(tokens.Count, values.Count);
        builder.OpenRegion(0);
        for (var i = 0; i < count; i++)
        {
            var differs = compareTo is not null && (i >= compareTo.Count || !string.Equals(compareTo[i], tokens[i], StringComparison.Ordinal));
            Token(builder, tokens[i], values[i], scale, palette, valueLabel, i == highlightIndex, differs ? "nv-tok-mismatch" : null);
        }
        builder.CloseRegion();
    }

    /// <summary>
    /// Adds one coloured token span, inside its own region. Screen readers hear the value after the token, with its label
    /// ("Simulation: 4.00") when <paramref name="labelForScreenReaders"/>, e.g. where rows of different kinds interleave.
    /// </summary>
    public static void Token(
        RenderTreeBuilder builder, string token, double value, HeatScale scale, HeatPalette palette,
        string valueLabel, bool highlight = false, string? extraClass = null, bool labelForScreenReaders = false)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var formatted = ViewerFormat.Value(value);
        var text = valueLabel + ": " + formatted;
        builder.OpenRegion(0);
        builder.OpenElement(1, "span");
        builder.AddAttribute(2, "class", (highlight ? "nv-tok nv-tok-max" : "nv-tok") + (extraClass is null ? "" : " " + extraClass));
        builder.AddAttribute(3, "style", HeatColors.Style(value, scale, palette));
        builder.AddAttribute(4, "title", highlight ? text + " (maximum)" : text);
        builder.OpenRegion(5);
        TokenText.Render(builder, token);
        builder.CloseRegion();
        builder.OpenElement(6, "span");
        builder.AddAttribute(7, "class", "nv-sr");
        // Short by default: the group's name says what the numbers are ("Real activations, excerpt 3").
        var spoken = labelForScreenReaders ? text : formatted;
        builder.AddContent(8, highlight ? " (" + spoken + ", maximum) " : " (" + spoken + ") ");
        builder.CloseElement();
        builder.CloseElement();
        builder.CloseRegion();
    }
}
