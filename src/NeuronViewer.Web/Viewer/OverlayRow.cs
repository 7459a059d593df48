namespace NeuronViewer.Web.Viewer;

/// <summary>One row of an overlaid heatmap: its values, scale, palette and tooltip label, and its own tokens if they may differ.</summary>
public sealed record OverlayRow(
    IReadOnlyList<double> Values,
    HeatScale Scale,
    HeatPalette Palette,
    string ValueLabel,
    IReadOnlyList<string>? Tokens = null);
