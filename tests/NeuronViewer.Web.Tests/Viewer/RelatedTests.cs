using Bunit;
using NeuronViewer.Core.Records;
using NeuronViewer.Web.Components.Viewer;
using NeuronViewer.Web.Viewer;

namespace NeuronViewer.Web.Tests.Viewer;

public class RelatedTests : ViewerTestContext
{
    private static TokensAndWeights Many(string prefix, int n, double sign) =>
        new(Enumerable.Range(0, n).Select(i => $" {prefix}{i}").ToArray(), Enumerable.Range(0, n).Select(i => sign * (1 - i / 100.0)).ToArray());

    [Fact]
    public void Weight_lists_show_the_first_20_with_strength_on_hover_and_negatives_marked()
    {
        var weights = new WeightBasedSummaryOfNeuron(Many("in", 30, 1), Many("inneg", 5, -1), Many("out", 3, 1), Many("outneg", 2, -1));
        var cut = Render<RelatedTokens>(p => p.Add(x => x.Weights, weights));
        var lists = cut.FindAll("ul.nv-pills");
        Assert.Equal(20, lists[0].QuerySelectorAll("li").Length);
        var first = lists[0].QuerySelector("li")!;
        Assert.Equal("Strength: 1.00", first.GetAttribute("title"));
        Assert.Contains("(Strength: 1.00)", first.QuerySelector(".nv-sr")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("Input tokens, negative", lists[1].GetAttribute("aria-label"));
        Assert.All(lists[1].QuerySelectorAll("li"), li => Assert.Contains("nv-pill-neg", li.ClassName, StringComparison.Ordinal));
        Assert.All(lists[0].QuerySelectorAll("li"), li => Assert.DoesNotContain("nv-pill-neg", li.ClassName, StringComparison.Ordinal));
        Assert.Equal("Strength: −1.00", lists[1].QuerySelector("li")!.GetAttribute("title"));
    }

    [Fact]
    public void The_lookup_table_skips_missing_values_and_renders_tokens_as_text()
    {
        var table = new TokenLookupTableSummaryOfNeuron([" cat", "<i>x</i>", "\n", " dog"], [3.0, 2.0, double.NaN, 1.5]);
        var cut = Render<RelatedTokens>(p => p.Add(x => x.LookupTable, table));
        var pills = cut.FindAll("li.nv-pill");
        Assert.Equal(3, pills.Count);
        Assert.Empty(cut.FindAll("li.nv-pill i"));
        Assert.StartsWith("<i>x</i>", pills[1].TextContent, StringComparison.Ordinal);
        Assert.StartsWith("·cat", pills[0].TextContent, StringComparison.Ordinal); // the leading space is shown as a dim dot
        Assert.Contains("No weight-based token summary", cut.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void Related_neurons_link_to_their_page_with_strength_and_explanations()
    {
        RelatedNeuronView[] upstream =
        [
            new(new NeuronId(1, 204), 0.834, [new("cats", 0.62), new("pets", null)]),
            new(new NeuronId(2, 7), 0.5, []),
            new(new NeuronId(0, 1), 0.4, []),
            new(new NeuronId(0, 2), 0.3, []),
        ];
        var cut = Render<RelatedNeuronCards>(p => p.Add(x => x.Upstream, upstream));
        var cards = cut.FindAll(".nv-related-col")[0].QuerySelectorAll("article.nv-neuron-card");
        Assert.Equal(3, cards.Length);
        var link = cards[0].QuerySelector("a.nv-neuron-link")!;
        Assert.Equal("/neurons/1/204", link.GetAttribute("href"));
        Assert.Equal("Neuron 1:204", link.TextContent);
        Assert.Equal("Connection strength: 0.83", cards[0].QuerySelector(".nv-neuron-strength")!.TextContent);
        Assert.Equal(["score: 0.62", "score: —"], cards[0].QuerySelectorAll(".nv-chip").Select(c => c.TextContent));
        Assert.Contains("No downstream neurons", cut.FindAll(".nv-related-col")[1].TextContent, StringComparison.Ordinal);
    }
}
