using NeuronViewer.Core.Calibration;
using NeuronViewer.Core.Scoring;
using Plotly.Blazor.Traces;
using NeuronViewer.Web.Viewer;

namespace NeuronViewer.Web.Tests.Viewer;

public class ChartFiguresTests
{
    [Fact]
    public void The_scatter_title_gives_the_correlation_and_the_fit_line_spans_the_data()
    {
        double[] real = [0, 1, 2, 4];
        double[] simulated = [0, 2, 5, 7];
        var figure = ChartFigures.Scatter(real, simulated, ["a", " b", "\n", " d"]);
        var r = ScoreFunctions.EvCorrelation(real, simulated);
        Assert.Contains($"r = {ViewerFormat.Value(r)}", figure.Layout.Title!.Text, StringComparison.Ordinal);
        Assert.Contains("n = 4", figure.Layout.Title!.Text, StringComparison.Ordinal);
        var points = (Scatter)figure.Data[0];
        Assert.Equal(["a", " b", "↵", " d"], points.TextArray);
        var fit = (Scatter)figure.Data[1];
        var (slope, intercept) = LinearCalibration.Fit(real, simulated);
        Assert.Equal([0.0, 4.0], fit.X.Cast<double>());
        Assert.Equal([intercept, intercept + 4 * slope], fit.Y.Cast<double>());
        Assert.Equal("Real activation (neuron units)", figure.Layout.XAxis[0].Title!.Text);
    }

    [Fact]
    public void A_stored_correlation_is_printed_instead_of_the_computed_one()
    {
        var figure = ChartFigures.Scatter([0, 1, 2], [0, 1, 3], correlation: 0.4242);
        Assert.Contains("r = 0.42", figure.Layout.Title!.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Non_finite_points_are_left_out_of_the_scatter()
    {
        var figure = ChartFigures.Scatter([0, double.NaN, 2, 3], [1, 2, double.PositiveInfinity, 4]);
        Assert.Equal(2, ((Scatter)figure.Data[0]).X.Count);
    }

    [Fact]
    public void The_histogram_overlays_the_top_tokens_on_shared_bins_and_switches_to_a_log_axis()
    {
        var figure = ChartFigures.Histogram([0.1, 0.2, double.NaN, 3.0], [2.5, 3.0], logY: true);
        Assert.Equal(2, figure.Data.Count);
        var (sample, top) = ((Histogram)figure.Data[0], (Histogram)figure.Data[1]);
        Assert.Equal(3, sample.X.Count);
        Assert.Equal(sample.BinGroup, top.BinGroup);
        Assert.Equal(Plotly.Blazor.LayoutLib.BarModeEnum.Overlay, figure.Layout.BarMode);
        Assert.Equal(Plotly.Blazor.LayoutLib.YAxisLib.TypeEnum.Log, figure.Layout.YAxis[0].Type);
        Assert.Contains("log", figure.Layout.YAxis[0].Title!.Text, StringComparison.Ordinal);
        var linear = ChartFigures.Histogram([0.1, 0.2]);
        Assert.Single(linear.Data);
        Assert.Equal(Plotly.Blazor.LayoutLib.YAxisLib.TypeEnum.Linear, linear.Layout.YAxis[0].Type);
    }

    [Fact]
    public void The_excerpt_chart_puts_a_0_to_10_simulation_on_its_own_axis_with_token_text_on_hover()
    {
        var figure = ChartFigures.ExcerptLines(["The", " cat"], [0.1, 2.0], [0, 9]);
        var (real, simulated) = ((Scatter)figure.Data[0], (Scatter)figure.Data[1]);
        Assert.Equal(["The", " cat"], real.TextArray);
        Assert.Equal("y2", simulated.YAxis);
        Assert.Equal(2, figure.Layout.YAxis.Count);
        Assert.Equal("Token position", figure.Layout.XAxis[0].Title!.Text);
        var calibrated = ChartFigures.ExcerptLines(["The", " cat"], [0.1, 2.0], [0.0, 1.8], sameAxis: true);
        Assert.Single(calibrated.Layout.YAxis);
        Assert.Single(ChartFigures.ExcerptLines(["The"], [0.1], null).Data);
    }
}
