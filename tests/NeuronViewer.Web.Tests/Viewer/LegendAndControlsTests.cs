using Bunit;
using NeuronViewer.Web.Components.Viewer;
using NeuronViewer.Web.Viewer;

namespace NeuronViewer.Web.Tests.Viewer;

public class LegendAndControlsTests : ViewerTestContext
{
    [Fact]
    public void The_legend_labels_minus_max_zero_and_max_and_says_which_scale_is_in_use()
    {
        var cut = Render<ColorLegend>(p => p.Add(x => x.Scale, new HeatScale(3.25, "Shared maximum over all groups")).Add(x => x.Title, "Activation"));
        Assert.Equal(["−3.25", "0", "3.25"], cut.FindAll(".nv-legend-ticks span").Select(s => s.TextContent));
        Assert.Equal("Shared maximum over all groups", cut.Find(".nv-legend-note").TextContent);
        Assert.Contains(HeatColors.Gradient(HeatPalette.Activation), cut.Find(".nv-legend-bar").GetAttribute("style"), StringComparison.Ordinal);
        Assert.Contains("−3.25 to 3.25", cut.Find("figure").GetAttribute("aria-label"), StringComparison.Ordinal);
    }

    [Fact]
    public void A_positive_only_legend_runs_from_zero()
    {
        var cut = Render<ColorLegend>(p => p.Add(x => x.Scale, new HeatScale(10, "Simulated")).Add(x => x.ShowNegative, false));
        Assert.Equal(["0", "10.00"], cut.FindAll(".nv-legend-ticks span").Select(s => s.TextContent));
    }

    [Fact]
    public void The_segmented_control_marks_the_pressed_option_and_reports_a_change()
    {
        var chosen = "";
        var cut = Render<SegmentedControl<string>>(p => p
            .Add(x => x.Options, [("a", "Alpha"), ("b", "Beta")])
            .Add(x => x.Value, "a")
            .Add(x => x.ValueChanged, (string v) => chosen = v));
        Assert.Equal(["true", "false"], cut.FindAll("button").Select(b => b.GetAttribute("aria-pressed")));
        cut.FindAll("button")[1].Click();
        Assert.Equal("b", chosen);
        Assert.Equal(["false", "true"], cut.FindAll("button").Select(b => b.GetAttribute("aria-pressed")));
        Assert.All(cut.FindAll("button"), b => Assert.Equal("button", b.GetAttribute("type")));
    }

    [Fact]
    public void The_component_gallery_renders_every_component_and_keeps_the_markup_sample_as_text()
    {
        var cut = Render<NeuronViewer.Web.Components.Pages.Dev.ComponentGallery>();
        foreach (var heading in new[] { "TokenHeatmap", "ColorLegend", "ExplanationList", "RealVsSimulated", "ExcerptGroups", "Charts", "RelatedTokens", "RelatedNeuronCards" })
            Assert.Contains(cut.FindAll("h2"), h => h.TextContent == heading);
        Assert.Empty(cut.FindAll("script"));
        Assert.Contains(cut.FindAll("span.nv-tok"), t => t.TextContent.StartsWith(" <script>alert(1)</script>", StringComparison.Ordinal));
        Assert.NotEmpty(cut.FindAll(".nv-excerpt-failed"));
        Assert.NotEmpty(cut.FindAll(".nv-warning"));
    }
}
