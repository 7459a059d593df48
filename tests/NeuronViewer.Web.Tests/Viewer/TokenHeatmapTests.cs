using Bunit;
using NeuronViewer.Core.Records;
using NeuronViewer.Web.Components.Viewer;
using NeuronViewer.Web.Viewer;

namespace NeuronViewer.Web.Tests.Viewer;

public class TokenHeatmapTests : ViewerTestContext
{
    private static readonly string[] Tokens = ["The", " cat", "<script>alert(1)</script>", " sat", "\n", "\tmat"];
    private static readonly double[] Values = [0.0, 4.0, 1.0, -2.0, 0.5, 8.0];

    private IRenderedComponent<TokenHeatmap> Render(double max = 4.0, bool highlight = false) =>
        Render<TokenHeatmap>(p => p
            .Add(x => x.Tokens, Tokens)
            .Add(x => x.Values, Values)
            .Add(x => x.Scale, new HeatScale(max, "test"))
            .Add(x => x.HighlightMax, highlight)
            .Add(x => x.AriaLabel, "Real activations, excerpt 1"));

    [Fact]
    public void A_markup_token_is_rendered_as_text_not_as_an_element()
    {
        var cut = Render();
        Assert.Empty(cut.FindAll("script"));
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", cut.Markup, StringComparison.Ordinal);
        Assert.StartsWith("<script>alert(1)</script>", cut.FindAll("span.nv-tok")[2].TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Each_token_is_its_own_span_with_the_raw_value_on_hover()
    {
        var spans = Render().FindAll("span.nv-tok");
        Assert.Equal(Tokens.Length, spans.Count);
        Assert.Equal("Activation: 4.00", spans[1].GetAttribute("title"));
        Assert.Equal("Activation: −2.00", spans[3].GetAttribute("title"));
        Assert.Equal("Activation: 8.00", spans[5].GetAttribute("title"));
    }

    [Fact]
    public void Screen_readers_get_the_value_of_every_token_and_a_named_group()
    {
        var cut = Render();
        var group = cut.Find("div.nv-heatmap");
        Assert.Equal("group", group.GetAttribute("role"));
        Assert.Equal("Real activations, excerpt 1", group.GetAttribute("aria-label"));
        var hidden = cut.FindAll("span.nv-tok > span.nv-sr");
        Assert.Equal(Tokens.Length, hidden.Count);
        Assert.Equal(" (4.00) ", hidden[1].TextContent);
        Assert.Equal(" (−2.00) ", hidden[3].TextContent);
    }

    [Fact]
    public void Colours_follow_the_scale()
    {
        var spans = Render(max: 4.0).FindAll("span.nv-tok");
        Rgb Background(int i) => HeatColorsTests.ParseStyle(spans[i].GetAttribute("style")!).Background;
        Assert.Equal(HeatColors.Background, Background(0));
        Assert.Equal(HeatColors.FullColor(HeatPalette.Activation, true), Background(1));
        Assert.Equal(HeatColors.Fill(0.25), Background(2));
        Assert.Equal(HeatColors.Fill(-0.5), Background(3));
        Assert.Equal(HeatColors.FullColor(HeatPalette.Activation, true), Background(5)); // 8 on a max of 4 clamps
    }

    [Fact]
    public void A_larger_scale_makes_the_same_value_paler()
    {
        var strong = HeatColorsTests.ParseStyle(Render(max: 4.0).FindAll("span.nv-tok")[2].GetAttribute("style")!).Background;
        var pale = HeatColorsTests.ParseStyle(Render(max: 8.0).FindAll("span.nv-tok")[2].GetAttribute("style")!).Background;
        Assert.True(pale.RelativeLuminance > strong.RelativeLuminance);
    }

    [Fact]
    public void Newlines_and_tabs_are_shown_with_marks_and_kept_as_real_characters()
    {
        var spans = Render().FindAll("span.nv-tok");
        var newlineMark = spans[4].QuerySelector("span.nv-ws")!;
        Assert.Equal("↵", newlineMark.TextContent);
        Assert.Equal("true", newlineMark.GetAttribute("aria-hidden"));
        Assert.StartsWith("↵\n", spans[4].TextContent, StringComparison.Ordinal);
        Assert.StartsWith("→\tmat", spans[5].TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void The_maximum_token_is_outlined_only_when_asked()
    {
        Assert.Empty(Render(highlight: false).FindAll("span.nv-tok-max"));
        var max = Assert.Single(Render(highlight: true).FindAll("span.nv-tok-max"));
        Assert.StartsWith("\tmat", max.TextContent.Replace("→", "", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public void Without_a_scale_the_excerpt_uses_its_own_maximum()
    {
        var cut = Render<TokenHeatmap>(p => p.Add(x => x.Record, new ActivationRecord(["a", "b"], [1.0, 2.0])));
        var spans = cut.FindAll("span.nv-tok");
        Assert.Equal(HeatColors.FullColor(HeatPalette.Activation, true), HeatColorsTests.ParseStyle(spans[1].GetAttribute("style")!).Background);
        Assert.Equal(HeatColors.Fill(0.5), HeatColorsTests.ParseStyle(spans[0].GetAttribute("style")!).Background);
    }
}
