using Bunit;
using NeuronViewer.Core.Records;
using NeuronViewer.Web.Components.Viewer;
using NeuronViewer.Web.Viewer;

namespace NeuronViewer.Web.Tests.Viewer;

public class RealVsSimulatedTests : ViewerTestContext
{
    private static SequenceSimulation Sim(string[] tokens, double[] expected) =>
        new(tokens, expected, ActivationScale.SimulatedNormalizedActivations, [], []);

    private static ScoredSequenceSimulation Scored(string[] tokens, double[] real, double[] simulated, double r) =>
        new(Sim(tokens, simulated), real, r);

    private static ScoredSimulation FourExcerpts() => new(
    [
        Scored(["a", " cat"], [0.0, 2.0], [0.0, 10.0], 0.91),
        Scored(["a", " dog"], [0.1, 1.0], [1.0, 5.0], 0.72),
        Scored(["the", " tax"], [0.0, 0.2], [0.0, 0.0], double.NaN),
        Scored(["my", " pet"], [0.5, 1.5], [2.0, 6.0], 0.5),
    ], 0.8, null, null);

    [Fact]
    public void Without_labels_the_first_half_is_Top_and_the_rest_Random_each_excerpt_real_then_simulated()
    {
        var cut = Render<RealVsSimulated>(p => p.Add(x => x.Simulation, FourExcerpts()));
        var titles = cut.FindAll("h3.nv-group-title").Select(h => h.TextContent).ToArray();
        Assert.StartsWith("Top", titles[0], StringComparison.Ordinal);
        Assert.StartsWith("Random", titles[1], StringComparison.Ordinal);
        var cards = cut.FindAll("article.nv-excerpt");
        Assert.Equal(4, cards.Count);
        var labels = cards[0].QuerySelectorAll(".nv-row-label").Select(l => l.TextContent).ToArray();
        Assert.Equal(["Real activations", "Simulated activations"], labels);
        Assert.Equal(2, cut.FindAll(".nv-group")[0].QuerySelectorAll("article").Length);
    }

    [Fact]
    public void Each_excerpt_shows_its_correlation_and_a_dash_when_there_is_none()
    {
        var chips = Render<RealVsSimulated>(p => p.Add(x => x.Simulation, FourExcerpts())).FindAll(".nv-chip").Select(c => c.TextContent).ToArray();
        Assert.Equal(["r = 0.91", "r = 0.72", "r = —", "r = 0.50"], chips);
    }

    [Fact]
    public void Explicit_group_labels_are_used_in_order_of_first_appearance()
    {
        var excerpts = SimulatedExcerpt.FromScored(FourExcerpts()).Select((e, i) => e with { GroupLabel = i == 1 ? "Quantile" : "Top" }).ToArray();
        var titles = Render<RealVsSimulated>(p => p.Add(x => x.Excerpts, excerpts)).FindAll("h3.nv-group-title").Select(h => h.TextContent).ToArray();
        Assert.Equal(["Top 3 excerpts", "Quantile 1 excerpt"], titles);
    }

    [Fact]
    public void Overlay_mode_puts_real_above_simulated_in_one_column_per_token_and_reports_the_change()
    {
        bool? reported = null;
        var cut = Render<RealVsSimulated>(p => p
            .Add(x => x.Simulation, FourExcerpts())
            .Add(x => x.OverlayChanged, (bool v) => reported = v));
        Assert.Empty(cut.FindAll(".nv-col"));
        cut.FindAll("button.nv-seg").Single(b => b.TextContent == "Overlay").Click();
        Assert.True(reported);
        var columns = cut.FindAll(".nv-col");
        Assert.Equal(8, columns.Count);
        var copies = columns[1].QuerySelectorAll(".nv-tok");
        Assert.Equal("Activation: 2.00", copies[0].GetAttribute("title"));
        Assert.Equal("Simulation: 10.00", copies[1].GetAttribute("title"));
        Assert.All(copies, c => Assert.StartsWith(" cat", c.TextContent, StringComparison.Ordinal));
        Assert.Equal(" (Simulation: 10.00) ", copies[1].QuerySelector(".nv-sr")!.TextContent); // interleaved rows say which is which
        Assert.Equal("true", cut.FindAll("button.nv-seg").Single(b => b.TextContent == "Overlay").GetAttribute("aria-pressed"));
    }

    [Fact]
    public void Real_and_simulated_have_their_own_maxima_by_default_and_can_share_one()
    {
        var cut = Render<RealVsSimulated>(p => p.Add(x => x.Simulation, FourExcerpts()));
        Rgb RealOfCat() => HeatColorsTests.ParseStyle(cut.FindAll("article")[0].QuerySelectorAll(".nv-heatmap")[0].QuerySelectorAll(".nv-tok")[1].GetAttribute("style")!).Background;
        Rgb SimOfCat() => HeatColorsTests.ParseStyle(cut.FindAll("article")[0].QuerySelectorAll(".nv-heatmap")[1].QuerySelectorAll(".nv-tok")[1].GetAttribute("style")!).Background;
        var full = HeatColors.FullColor(HeatPalette.Activation, true);
        Assert.Equal(full, RealOfCat()); // 2.0 is the real maximum
        Assert.Equal(full, SimOfCat());  // 10 is the simulated maximum
        cut.FindAll("button.nv-seg").Single(b => b.TextContent == "Shared maximum").Click();
        Assert.Equal(HeatColors.Fill(0.2), RealOfCat()); // 2.0 of a shared 10
        Assert.Equal(full, SimOfCat());
    }

    [Fact]
    public void A_failed_sequence_shows_its_reason_and_raw_response_and_no_simulated_values()
    {
        var ok = SimulatedExcerpt.FromScored(FourExcerpts().ScoredSequenceSimulations[0]);
        var failed = SimulatedExcerpt.Failed(new ActivationRecord(["x", " y"], [0.3, 0.9]), "Unparsable reply: expected 2 numbers, found 1.", "{\"values\": [3]}");
        var cut = Render<RealVsSimulated>(p => p.Add(x => x.Excerpts, new[] { ok, failed }));
        var card = cut.FindAll("article")[1];
        Assert.Contains("nv-excerpt-failed", card.ClassName, StringComparison.Ordinal);
        Assert.Equal("Simulation failed", card.QuerySelector(".nv-badge-failed")!.TextContent);
        Assert.Contains("Unparsable reply: expected 2 numbers, found 1.", card.QuerySelector(".nv-failure")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("{\"values\": [3]}", card.QuerySelector("details.nv-raw pre")!.TextContent);
        Assert.Null(card.QuerySelector("details.nv-raw")!.GetAttribute("open"));
        Assert.DoesNotContain(card.QuerySelectorAll(".nv-tok"), t => t.GetAttribute("title")!.StartsWith("Simulation", StringComparison.Ordinal));
        Assert.Single(card.QuerySelectorAll(".nv-heatmap"));
    }

    [Fact]
    public void Simulated_tokens_that_differ_from_the_real_ones_give_an_inline_warning_in_both_modes()
    {
        var excerpt = new SimulatedExcerpt
        {
            Real = new ActivationRecord(["a", " cat", " sat"], [0.0, 2.0, 0.1]),
            Simulation = Sim(["a", " bat", " sat"], [0.0, 9.0, 0.0]),
            Correlation = 0.9,
        };
        var cut = Render<RealVsSimulated>(p => p.Add(x => x.Excerpts, new[] { excerpt }));
        var warning = cut.Find(".nv-warning").TextContent;
        Assert.Contains("position 1", warning, StringComparison.Ordinal);
        Assert.Contains("“ cat”", warning, StringComparison.Ordinal);
        Assert.Contains("“ bat”", warning, StringComparison.Ordinal);
        cut.FindAll("button.nv-seg").Single(b => b.TextContent == "Overlay").Click();
        Assert.Single(cut.FindAll(".nv-warning"));
        var mismatch = Assert.Single(cut.FindAll(".nv-tok-mismatch"));
        Assert.StartsWith(" bat", mismatch.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void A_shorter_simulation_is_a_warning_and_its_missing_positions_are_marked()
    {
        var excerpt = new SimulatedExcerpt
        {
            Real = new ActivationRecord(["a", " cat", " sat"], [0.0, 2.0, 0.1]),
            Simulation = Sim(["a", " cat"], [0.0, 9.0]),
        };
        var cut = Render<RealVsSimulated>(p => p.Add(x => x.Excerpts, new[] { excerpt }).Add(x => x.Overlay, true));
        Assert.Contains("2 tokens but the excerpt has 3", cut.Find(".nv-warning").TextContent, StringComparison.Ordinal);
        Assert.Single(cut.FindAll(".nv-tok-missing"));
    }

    [Fact]
    public void The_error_row_colours_real_above_simulated_in_one_hue_and_below_in_the_other()
    {
        var excerpt = SimulatedExcerpt.FromScored(Scored(["a", " b", " c"], [2.0, 0.0, 1.0], [0.0, 10.0, 5.0], 0.0));
        var cut = Render<RealVsSimulated>(p => p.Add(x => x.Excerpts, new[] { excerpt }).Add(x => x.ShowError, true));
        var errorRow = cut.FindAll(".nv-heatmap")[2].QuerySelectorAll(".nv-tok");
        Rgb Bg(int i) => HeatColorsTests.ParseStyle(errorRow[i].GetAttribute("style")!).Background;
        Assert.Equal(HeatColors.FullColor(HeatPalette.Error, true), Bg(0));   // real 1.0 of max, simulated 0
        Assert.Equal(HeatColors.FullColor(HeatPalette.Error, false), Bg(1));  // real 0, simulated at max
        Assert.Equal(HeatColors.Background, Bg(2));                           // both at half their maximum
        Assert.Equal("Error: 1.00", errorRow[0].GetAttribute("title"));
    }
}
