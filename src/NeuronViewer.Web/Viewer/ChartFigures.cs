using NeuronViewer.Core.Calibration;
using NeuronViewer.Core.Scoring;
using Plotly.Blazor;
using Plotly.Blazor.LayoutLib;
using Plotly.Blazor.Traces;
using Plotly.Blazor.Traces.ScatterLib;
using XTitle = Plotly.Blazor.LayoutLib.XAxisLib.Title;
using YTitle = Plotly.Blazor.LayoutLib.YAxisLib.Title;

namespace NeuronViewer.Web.Viewer;

/// <summary>Builds the viewer's Plotly figures from plain arrays: activation histogram, simulated-vs-real scatter, per-excerpt lines.</summary>
public static class ChartFigures
{
    /// <summary>Colour of real activations (and of the random sample) in charts: Okabe–Ito blue.</summary>
    public const string RealColor = "#0072b2";

    /// <summary>Colour of simulated activations (and of the top excerpts) in charts: Okabe–Ito orange, drawn dashed.</summary>
    public const string SimulatedColor = "#e69f00";

    private const string Ink = "#1c1c1e";
    private const string Grid = "#ececf0";

    /// <summary>Histogram of token activations of the random sample, optionally with the top excerpts' tokens overlaid.</summary>
    public static ChartFigure Histogram(IReadOnlyList<double> sample, IReadOnlyList<double>? top = null, bool logY = false, int bins = 60)
    {
        ArgumentNullException.ThrowIfNull(sample);
        var finite = Finite(sample);
        var data = new List<ITrace>
        {
            new Histogram
            {
                X = Objects(finite), Name = $"Random sample ({finite.Length} tokens)", NBinsX = bins, Opacity = 0.7m, BinGroup = "activation",
                Marker = new Plotly.Blazor.Traces.HistogramLib.Marker { Color = RealColor },
                HoverTemplate = "activation %{x}<br>%{y} tokens<extra>random sample</extra>",
            },
        };
        var topFinite = top is null ? [] : Finite(top);
        if (topFinite.Length > 0)
        {
            data.Add(new Histogram
            {
                X = Objects(topFinite), Name = $"Top excerpts ({topFinite.Length} tokens)", NBinsX = bins, Opacity = 0.6m, BinGroup = "activation",
                Marker = new Plotly.Blazor.Traces.HistogramLib.Marker { Color = SimulatedColor },
                HoverTemplate = "activation %{x}<br>%{y} tokens<extra>top excerpts</extra>",
            });
        }
        var layout = BaseLayout("Activation per token", "Activation (neuron units)", logY ? "Tokens (log scale)" : "Tokens");
        layout.BarMode = BarModeEnum.Overlay;
        layout.YAxis[0].Type = logY ? Plotly.Blazor.LayoutLib.YAxisLib.TypeEnum.Log : Plotly.Blazor.LayoutLib.YAxisLib.TypeEnum.Linear;
        if (logY)
            layout.YAxis[0].DTick = 1; // powers of ten only: 1, 10, 100, …
        var description = finite.Length == 0
            ? "Activation histogram: no tokens."
            : $"Activation histogram of {finite.Length} random-sample tokens from {ViewerFormat.Value(finite.Min())} to {ViewerFormat.Value(finite.Max())}" +
              (topFinite.Length > 0 ? $", with {topFinite.Length} top-excerpt tokens overlaid." : ".");
        return new ChartFigure(data, layout, description);
    }

    /// <summary>
    /// Simulated against real activation, one point per token, with the least-squares line; the title gives the
    /// correlation (<paramref name="correlation"/> when given, e.g. the stored score, otherwise computed from the points).
    /// </summary>
    public static ChartFigure Scatter(IReadOnlyList<double> real, IReadOnlyList<double> simulated, IReadOnlyList<string>? tokens = null,
        double? correlation = null, string simulatedAxis = "Simulated activation (0–10)")
    {
        ArgumentNullException.ThrowIfNull(real);
        ArgumentNullException.ThrowIfNull(simulated);
        var n = Math.Min(real.Count, simulated.Count);
        var xs = new List<double>(n);
        var ys = new List<double>(n);
        var texts = new List<string>(n);
        for (var i = 0; i < n; i++)
        {
            if (!double.IsFinite(real[i]) || !double.IsFinite(simulated[i]))
                continue;
            xs.Add(real[i]);
            ys.Add(simulated[i]);
            texts.Add(tokens is not null && i < tokens.Count ? TokenText.Visible(tokens[i]) : "");
        }
        var r = correlation ?? ScoreFunctions.EvCorrelation(xs, ys);
        var data = new List<ITrace>
        {
            new Scatter
            {
                X = Objects(xs), Y = Objects(ys), TextArray = texts, Mode = ModeFlag.Markers, Name = "Tokens",
                Marker = new Plotly.Blazor.Traces.ScatterLib.Marker { Color = RealColor, Size = 7, Opacity = 0.55m },
                HoverTemplate = "“%{text}”<br>real %{x:.2f}<br>simulated %{y:.2f}<extra></extra>",
            },
        };
        if (xs.Count >= 2 && xs.Any(x => x != xs[0]) && LinearCalibration.Fit(xs, ys) is var (slope, intercept))
        {
            var (lo, hi) = (xs.Min(), xs.Max());
            data.Add(new Scatter
            {
                X = [lo, hi], Y = [intercept + slope * lo, intercept + slope * hi], Mode = ModeFlag.Lines, Name = "Least-squares fit",
                Line = new Line { Color = SimulatedColor, Width = 2, Dash = "dash" },
                HoverTemplate = $"least-squares fit: slope {ViewerFormat.Value(slope)}<extra></extra>",
            });
        }
        var title = $"Simulated vs real, per token (r = {ViewerFormat.Value(r)}, n = {xs.Count})";
        var layout = BaseLayout(title, "Real activation (neuron units)", simulatedAxis);
        return new ChartFigure(data, layout, $"Scatter of simulated against real activation for {xs.Count} tokens; correlation {ViewerFormat.Value(r)}.");
    }

    /// <summary>
    /// Real and simulated activation over one excerpt's token positions, token text on hover. Simulated values on the
    /// simulator's 0–10 scale get their own right-hand axis unless <paramref name="sameAxis"/>.
    /// </summary>
    public static ChartFigure ExcerptLines(IReadOnlyList<string> tokens, IReadOnlyList<double> real, IReadOnlyList<double>? simulated,
        bool sameAxis = false, string? title = null)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        ArgumentNullException.ThrowIfNull(real);
        var visible = tokens.Select(TokenText.Visible).ToList();
        var positions = Enumerable.Range(0, real.Count).Cast<object>().ToList();
        var data = new List<ITrace>
        {
            new Scatter
            {
                X = positions, Y = Objects(real), TextArray = visible, Mode = ModeFlag.Lines | ModeFlag.Markers, Name = "Real",
                Line = new Line { Color = RealColor, Width = 2 }, Marker = new Plotly.Blazor.Traces.ScatterLib.Marker { Color = RealColor, Size = 5 },
                HoverTemplate = "“%{text}”<br>real %{y:.2f}<extra></extra>",
            },
        };
        var layout = BaseLayout(title ?? "Activation by token position", "Token position", "Real activation (neuron units)");
        if (simulated is not null)
        {
            data.Add(new Scatter
            {
                X = Enumerable.Range(0, simulated.Count).Cast<object>().ToList(), Y = Objects(simulated), TextArray = visible,
                Mode = ModeFlag.Lines | ModeFlag.Markers, Name = "Simulated", YAxis = sameAxis ? "y" : "y2",
                Line = new Line { Color = SimulatedColor, Width = 2, Dash = "dash" },
                Marker = new Plotly.Blazor.Traces.ScatterLib.Marker { Color = SimulatedColor, Size = 5 },
                HoverTemplate = "“%{text}”<br>simulated %{y:.2f}<extra></extra>",
            });
            if (!sameAxis)
            {
                layout.YAxis.Add(new YAxis
                {
                    Title = new YTitle { Text = "Simulated (0–10)" }, Overlaying = "y", Side = Plotly.Blazor.LayoutLib.YAxisLib.SideEnum.Right,
                    ShowGrid = false, Range = [0, 10.5], ZeroLine = false,
                });
                layout.Margin!.R = 64;
            }
        }
        return new ChartFigure(data, layout, $"Line chart of real{(simulated is null ? "" : " and simulated")} activation over {real.Count} token positions.");
    }

    internal static Layout BaseLayout(string title, string xTitle, string yTitle) => new()
    {
        Title = new Title
        {
            Text = title, Font = new Plotly.Blazor.LayoutLib.TitleLib.Font { Size = 14, Color = Ink }, X = 0,
            XRef = Plotly.Blazor.LayoutLib.TitleLib.XRefEnum.Paper, Y = 0.97m, YAnchor = Plotly.Blazor.LayoutLib.TitleLib.YAnchorEnum.Top,
        },
        Font = new Font { Family = "system-ui, -apple-system, Segoe UI, Roboto, sans-serif", Size = 12, Color = Ink },
        XAxis = [new XAxis { Title = new XTitle { Text = xTitle }, GridColor = Grid, ZeroLineColor = "#c8c8d0" }],
        YAxis = [new YAxis { Title = new YTitle { Text = yTitle }, GridColor = Grid, ZeroLineColor = "#c8c8d0" }],
        Margin = new Margin { L = 60, R = 16, T = 64, B = 48 },
        PaperBgColor = "rgba(0,0,0,0)",
        PlotBgColor = "#ffffff",
        // Legend in one row between the title and the plot, right-aligned: never over the data or the axis titles.
        Legend = [new Plotly.Blazor.LayoutLib.Legend
        {
            Orientation = Plotly.Blazor.LayoutLib.LegendLib.OrientationEnum.H, X = 1, XAnchor = Plotly.Blazor.LayoutLib.LegendLib.XAnchorEnum.Right,
            Y = 1.02m, YAnchor = Plotly.Blazor.LayoutLib.LegendLib.YAnchorEnum.Bottom, BgColor = "rgba(0,0,0,0)",
        }],
        AutoSize = true,
    };

    private static double[] Finite(IReadOnlyList<double> values) => values.Where(double.IsFinite).ToArray();

    private static List<object> Objects(IEnumerable<double> values) => values.Cast<object>().ToList();
}
