using System.Globalization;
using NeuronViewer.Storage.Summaries;

namespace NeuronViewer.Web.Neurons;

/// <summary>
/// The neuron browser's filter and sort as URL parameters (shared by <c>/neurons</c> and <c>GET /api/neurons</c>):
/// <c>layer</c>, <c>min_score</c>, <c>max_score</c>, <c>q</c>, <c>score</c> (which score the range and the score sort use)
/// and <c>sort</c> (a key, <c>-</c> in front for descending).
/// </summary>
public sealed record NeuronFilter
{
    /// <summary>The URL parameter names, in the order a URL lists them.</summary>
    public static readonly string[] ParameterNames = ["layer", "min_score", "max_score", "q", "score", "sort"];

    private static readonly (ScoreKind Kind, string Name)[] Kinds =
        [(ScoreKind.TopAndRandom, "top_and_random"), (ScoreKind.RandomOnly, "random_only"), (ScoreKind.Ablation, "ablation")];

    private static readonly (NeuronSort Sort, string Name)[] Sorts =
        [(NeuronSort.Neuron, "neuron"), (NeuronSort.Score, "score"), (NeuronSort.MaxActivation, "max_activation"), (NeuronSort.ExplanationCount, "explanations")];

    /// <summary>The longest explanation text searched for.</summary>
    public const int MaxTextLength = 200;

    public int? Layer { get; init; }

    public double? MinScore { get; init; }

    public double? MaxScore { get; init; }

    /// <summary>Case-insensitive text of the best explanation.</summary>
    public string? Text { get; init; }

    public ScoreKind ScoreKind { get; init; } = ScoreKind.TopAndRandom;

    public NeuronSort Sort { get; init; } = NeuronSort.Neuron;

    public bool Descending { get; init; }

    /// <summary>The filter with no constraints, sorted by neuron.</summary>
    public static NeuronFilter Default { get; } = new();

    /// <summary>True when no filter narrows the list (sort aside).</summary>
    public bool IsUnfiltered => Layer is null && MinScore is null && MaxScore is null && string.IsNullOrWhiteSpace(Text);

    /// <summary>The storage query for rows <paramref name="skip"/> … <paramref name="skip"/> + <paramref name="take"/>.</summary>
    public NeuronQuery ToQuery(int skip, int take) => new()
    {
        Layer = Layer, MinScore = MinScore, MaxScore = MaxScore, Text = string.IsNullOrWhiteSpace(Text) ? null : Text.Trim(),
        ScoreKind = ScoreKind, Sort = Sort, Descending = Descending, Skip = skip, Take = take,
    };

    /// <summary>The <c>score</c> parameter's value for a kind.</summary>
    public static string KindName(ScoreKind kind) => Kinds.First(k => k.Kind == kind).Name;

    /// <summary>The <c>sort</c> parameter's value: the key, with a leading <c>-</c> when descending.</summary>
    public string SortToken => (Descending ? "-" : "") + Sorts.First(s => s.Sort == Sort).Name;

    /// <summary>The URL parameters that differ from the default (null for the others, so they drop out of the URL).</summary>
    public IReadOnlyDictionary<string, object?> ToParameters() => new Dictionary<string, object?>
    {
        ["layer"] = Layer,
        ["min_score"] = Number(MinScore),
        ["max_score"] = Number(MaxScore),
        ["q"] = string.IsNullOrWhiteSpace(Text) ? null : Text.Trim(),
        ["score"] = ScoreKind == ScoreKind.TopAndRandom ? null : KindName(ScoreKind),
        ["sort"] = Sort == NeuronSort.Neuron && !Descending ? null : SortToken,
    };

    /// <summary>
    /// Reads the parameters with <paramref name="get"/> (null for a missing one); returns the filter built from the valid
    /// ones and the problems with the others, each naming its parameter.
    /// </summary>
    public static (NeuronFilter Filter, IReadOnlyList<ParameterProblem> Problems) Parse(Func<string, string?> get)
    {
        ArgumentNullException.ThrowIfNull(get);
        var problems = new List<ParameterProblem>();
        var filter = new NeuronFilter
        {
            Layer = ParseLayer(get("layer"), problems),
            MinScore = ParseScore("min_score", get("min_score"), problems),
            MaxScore = ParseScore("max_score", get("max_score"), problems),
            Text = ParseText(get("q"), problems),
            ScoreKind = ParseKind(get("score"), problems),
        };
        var (sort, descending) = ParseSort(get("sort"), problems);
        filter = filter with { Sort = sort, Descending = descending };
        if (filter.MinScore is { } min && filter.MaxScore is { } max && min > max)
        {
            problems.Add(new("min_score", $"min_score {Number(min)} is above max_score {Number(max)}."));
            filter = filter with { MinScore = null };
        }
        return (filter, problems);
    }

    private static int? ParseLayer(string? text, List<ParameterProblem> problems)
    {
        if (string.IsNullOrWhiteSpace(text))
            return null;
        if (int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var layer) && layer >= 0)
            return layer;
        problems.Add(new("layer", $"layer must be a whole number 0 or more, not '{Shorten(text)}'."));
        return null;
    }

    private static double? ParseScore(string name, string? text, List<ParameterProblem> problems)
    {
        if (string.IsNullOrWhiteSpace(text))
            return null;
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value))
            return value;
        problems.Add(new(name, $"{name} must be a number such as 0.25, not '{Shorten(text)}'."));
        return null;
    }

    private static string? ParseText(string? text, List<ParameterProblem> problems)
    {
        if (string.IsNullOrWhiteSpace(text))
            return null;
        if (text.Length <= MaxTextLength)
            return text.Trim();
        problems.Add(new("q", $"q is {text.Length} characters long; the limit is {MaxTextLength}."));
        return null;
    }

    private static ScoreKind ParseKind(string? text, List<ParameterProblem> problems)
    {
        if (string.IsNullOrWhiteSpace(text))
            return ScoreKind.TopAndRandom;
        foreach (var (kind, name) in Kinds)
        {
            if (string.Equals(name, text.Trim(), StringComparison.OrdinalIgnoreCase))
                return kind;
        }
        problems.Add(new("score", $"score must be one of {string.Join(", ", Kinds.Select(k => k.Name))}, not '{Shorten(text)}'."));
        return ScoreKind.TopAndRandom;
    }

    private static (NeuronSort, bool) ParseSort(string? text, List<ParameterProblem> problems)
    {
        if (string.IsNullOrWhiteSpace(text))
            return (NeuronSort.Neuron, false);
        var trimmed = text.Trim();
        var descending = trimmed.StartsWith('-');
        var key = descending ? trimmed[1..] : trimmed;
        foreach (var (sort, name) in Sorts)
        {
            if (string.Equals(name, key, StringComparison.OrdinalIgnoreCase))
                return (sort, descending);
        }
        problems.Add(new("sort", $"sort must be one of {string.Join(", ", Sorts.Select(s => s.Name))} (prefix - for descending), not '{Shorten(text)}'."));
        return (NeuronSort.Neuron, false);
    }

    private static string? Number(double? value) => value?.ToString("R", CultureInfo.InvariantCulture);

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "…";
}

/// <summary>A URL parameter that cannot be used, and why (one line naming the parameter).</summary>
public sealed record ParameterProblem(string Parameter, string Message);
