using MudBlazor;

namespace NeuronViewer.Web.Components.Layout;

/// <summary>The app's one MudBlazor theme: calm, high-contrast, so heatmap colours carry the meaning.</summary>
public static class AppTheme
{
    public static MudTheme Theme { get; } = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#3949ab",
            Secondary = "#00897b",
            AppbarBackground = "#283593",
            Background = "#fafafa",
        },
        LayoutProperties = new LayoutProperties { DrawerWidthLeft = "200px" },
    };
}
