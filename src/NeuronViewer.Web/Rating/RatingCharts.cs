using NeuronViewer.Storage.Explanations;
using NeuronViewer.Web.Viewer;
using Plotly.Blazor;
using Plotly.Blazor.Traces;
using Plotly.Blazor.Traces.ScatterLib;
using Plotly.Blazor.Traces.ScatterLib.MarkerLib;

namespace NeuronViewer.Web.Rating;

/// <summary>The results page's Plotly figures: mean human rating against the automatic score, and agreement per neuron.</summary>
public static class RatingCharts
{
    private static readonly (string Name, string Color, SymbolEnum Symbol, Func<ExplanationSource, bool> Has)[] Kinds =
    [
        ("Explainer", ChartFigures.RealColor, SymbolEnum.Circle, s => s is ExplanationSource.Explainer or ExplanationSource.Imported),
        ("Token look-up baseline", "#009e73", SymbolEnum.Square, s => s == ExplanationSource.TokenLookupBaseline),
        ("Human-written", "#cc79a7", SymbolEnum.Diamond, s => s == ExplanationSource.HumanWritten),
        ("Control", "#d55e00", SymbolEnum.X, s => s == ExplanationSource.Control),
    ];

    /// <summary>One point per rated candidate: x = the compared score, y = mean rating; a trace per source, hover shows neuron and text.</summary>
    public static ChartFigure RatingVsScore(StudyResults results, string scoreName, double scaleMin, double scaleMax)
    {
        ArgumentNullException.ThrowIfNull(results);
        var data = new List<ITrace>();
        var points = 0;
        foreach (var (name, color, symbol, has) in Kinds)
        {
            var items = results.Neurons.SelectMany(n => n.Candidates.Select(c => (n, c)))
                .Where(t => has(t.c.Candidate.Source) && t.c.MeanRating is not null && t.c.Scores.Get(results.Score) is { } s && double.IsFinite(s))
                .ToList();
            if (items.Count == 0)
                continue;
            points += items.Count;
            data.Add(new Scatter
            {
                Name = name, Mode = ModeFlag.Markers,
                X = items.Select(t => (object)t.c.Scores.Get(results.Score)!.Value).ToList(),
                Y = items.Select(t => (object)t.c.MeanRating!.Value).ToList(),
                TextArray = items.Select(t => $"{t.n.Task.Neuron} · {Short(t.c.Candidate.Text)}").ToList(),
                Marker = new Marker { Color = color, Size = 9, Opacity = 0.8m, Symbol = symbol },
                HoverTemplate = "%{text}<br>score %{x:.2f}<br>mean rating %{y:.2f}<extra>" + name + "</extra>",
            });
        }
        var layout = ChartFigures.BaseLayout("Mean human rating vs automatic score", scoreName, "Mean rating");
        layout.YAxis[0].Range = [scaleMin - 0.2, scaleMax + 0.2];
        layout.Margin!.T = 96; // room for a two-row legend under the title
        return new ChartFigure(data, layout, $"Scatter of mean human rating against {scoreName} for {points} rated explanations, one trace per source.");
    }

    /// <summary>Per neuron: Spearman ρ and pairwise agreement between the score and the mean ratings (bars; missing values left out).</summary>
    public static ChartFigure AgreementPerNeuron(StudyResults results)
    {
        ArgumentNullException.ThrowIfNull(results);
        var labels = results.Neurons.Select(n => (object)n.Task.Neuron.ToString()).ToList();
        static object? Value(double v) => double.IsFinite(v) ? v : null;
        var data = new List<ITrace>
        {
            new Bar
            {
                Name = "Spearman ρ", X = labels, Y = results.Neurons.Select(n => Value(n.Agreement.Spearman)).ToList()!,
                Marker = new Plotly.Blazor.Traces.BarLib.Marker { Color = ChartFigures.RealColor },
                HoverTemplate = "neuron %{x}<br>ρ %{y:.2f}<extra></extra>",
            },
            new Bar
            {
                Name = "Pairwise agreement", X = labels, Y = results.Neurons.Select(n => Value(n.Agreement.Pairwise.Agreement)).ToList()!,
                Marker = new Plotly.Blazor.Traces.BarLib.Marker { Color = ChartFigures.SimulatedColor },
                HoverTemplate = "neuron %{x}<br>pairwise %{y:.2f}<extra></extra>",
            },
        };
        var layout = ChartFigures.BaseLayout("Agreement of humans with the score, per neuron", "Neuron (layer:index)", "ρ / share of pairs");
        layout.BarMode = Plotly.Blazor.LayoutLib.BarModeEnum.Group;
        layout.YAxis[0].Range = [-1.05, 1.05];
        layout.XAxis[0].Type = Plotly.Blazor.LayoutLib.XAxisLib.TypeEnum.Category;
        return new ChartFigure(data, layout, $"Bar chart of Spearman ρ and pairwise agreement for {labels.Count} neurons.");
    }

    private static string Short(string text) => text.Length <= 60 ? text : text[..57] + "…";
}
