using Bunit;
using NeuronViewer.Web.Components.Viewer;

namespace NeuronViewer.Web.Tests.Viewer;

public class ChartComponentsTests : ViewerTestContext
{
    private int Calls(string identifier) => JSInterop.Invocations.Count(i => i.Identifier == identifier);

    [Fact]
    public void The_histogram_draws_once_and_redraws_when_the_log_axis_is_switched_off()
    {
        var cut = Render<ActivationHistogram>(p => p.Add(x => x.Values, [0.1, 0.2, 3.0]).Add(x => x.TopValues, [2.0, 3.0]));
        Assert.Equal(1, Calls("newPlot"));
        Assert.Equal(0, Calls("react"));
        var log = cut.FindAll("input[type=checkbox]")[0];
        Assert.True(log.HasAttribute("checked"));
        log.Change(false);
        Assert.Equal(1, Calls("react"));
        Assert.False(cut.FindAll("input[type=checkbox]")[0].HasAttribute("checked"));
    }

    [Fact]
    public void A_chart_redraws_when_its_data_changes_and_describes_itself_for_screen_readers()
    {
        var cut = Render<SimulationScatter>(p => p.Add(x => x.Real, [0.0, 1.0, 2.0]).Add(x => x.Simulated, [0.0, 5.0, 9.0]));
        Assert.Contains("3 tokens", cut.Find("[role=img]").GetAttribute("aria-label"), StringComparison.Ordinal);
        cut.Render(p => p.Add(x => x.Real, [0.0, 1.0, 2.0, 3.0]).Add(x => x.Simulated, [0.0, 5.0, 9.0, 1.0]));
        Assert.Equal(1, Calls("react"));
        Assert.Contains("4 tokens", cut.Find("[role=img]").GetAttribute("aria-label"), StringComparison.Ordinal);
    }

    [Fact]
    public void Scatter_points_of_a_simulation_skip_failed_excerpts()
    {
        var excerpts = NeuronViewer.Web.Viewer.Samples.ViewerSamples.SimulatedExcerpts();
        var (real, simulated, tokens) = SimulationScatter.Points(excerpts);
        var expected = excerpts.Where(e => !e.IsFailed).Sum(e => Math.Min(e.Real.Tokens.Count, e.Simulation!.Tokens.Count));
        Assert.Equal(expected, real.Length);
        Assert.Equal(expected, simulated.Length);
        Assert.Equal(expected, tokens.Length);
        Assert.True(excerpts.Count(e => e.IsFailed) > 0);
    }
}
