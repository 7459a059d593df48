using System.Globalization;
using NeuronViewer.Pipeline.Stages;

namespace NeuronViewer.Web.Jobs;

/// <summary>The /jobs start form: which kind, layers, excerpt limit, explainer, simulator and divergence; turns into a job's parameters.</summary>
public sealed class StartJobForm
{
    /// <summary>collect, explain, score, ablate or pipeline.</summary>
    public string Kind { get; set; } = JobKinds.Pipeline;

    /// <summary>Empty for every layer, or "0-2" / "0,3".</summary>
    public string Layers { get; set; } = "";

    public long? MaxExcerpts { get; set; } = 2000;

    public string Explainer { get; set; } = "offline";

    public string Simulator { get; set; } = "offline";

    public int Candidates { get; set; } = 5;

    /// <summary>The ablate job's divergence: "jsd" or "kl".</summary>
    public string Divergence { get; set; } = "jsd";

    /// <summary>Checks the form against the model's layer count; returns the first problem or null.</summary>
    public string? Problem(int modelLayers)
    {
        try
        {
            _ = ParseLayers(modelLayers);
        }
        catch (FormatException e)
        {
            return e.Message;
        }
        if (MaxExcerpts is < 1) return "Max excerpts must be positive (or empty for the whole corpus).";
        if (Candidates is < 1 or > 20) return "Candidates must be between 1 and 20.";
        return null;
    }

    /// <summary>The layers named, or null for all; throws FormatException with a one-line message.</summary>
    public IReadOnlyList<int>? ParseLayers(int modelLayers)
    {
        if (string.IsNullOrWhiteSpace(Layers) || Layers.Trim() == "all") return null;
        var result = new List<int>();
        foreach (var part in Layers.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var ends = part.Split('-', StringSplitOptions.TrimEntries);
            if (ends.Length > 2 || !ends.All(e => int.TryParse(e, NumberStyles.None, CultureInfo.InvariantCulture, out _)))
                throw new FormatException($"Layers: '{part}' is not a layer or a range like 0-2.");
            int a = int.Parse(ends[0], CultureInfo.InvariantCulture), b = int.Parse(ends[^1], CultureInfo.InvariantCulture);
            if (b < a) throw new FormatException($"Layers: the range '{part}' is empty.");
            if (b >= modelLayers) throw new FormatException($"Layers: layer {b} is out of range; the model has layers 0-{modelLayers - 1}.");
            for (var l = a; l <= b; l++) result.Add(l);
        }
        return result.Count == 0 ? null : result.Distinct().Order().ToList();
    }

    /// <summary>The job's parameters, as the engine stores them.</summary>
    public object Parameters(int modelLayers)
    {
        var layers = ParseLayers(modelLayers);
        var backend = new BackendChoice { Explainer = Explainer, Simulator = Simulator };
        var select = new NeuronSelection { Layers = layers };
        return Kind switch
        {
            JobKinds.Collect => new CollectParameters { Layers = layers, MaxExcerpts = MaxExcerpts },
            JobKinds.Explain => new ExplainParameters { Select = select, Candidates = Candidates, Backend = backend },
            JobKinds.Score => new ScoreParameters { Select = select, Backend = backend },
            JobKinds.Ablate => new AblateParameters { Select = select, Backend = backend, Divergence = Divergence },
            _ => new PipelineParameters { Collect = new CollectParameters { Layers = layers, MaxExcerpts = MaxExcerpts }, Candidates = Candidates, Backend = backend },
        };
    }

    /// <summary>A title for the job list, e.g. "pipeline: layers 0-2, 2,000 excerpts, offline explainer, chat simulator".</summary>
    public string Title(int modelLayers)
    {
        var layers = ParseLayers(modelLayers) is { } l ? $"layers {string.Join(",", l)}" : "all layers";
        var parts = new List<string> { layers };
        if (Kind is JobKinds.Collect or JobKinds.Pipeline)
            parts.Add(MaxExcerpts is { } m ? $"{m.ToString("N0", CultureInfo.InvariantCulture)} excerpts" : "whole corpus");
        if (Kind is JobKinds.Explain or JobKinds.Pipeline) parts.Add($"{Explainer} explainer");
        if (Kind is JobKinds.Score or JobKinds.Ablate or JobKinds.Pipeline) parts.Add($"{Simulator} simulator");
        if (Kind is JobKinds.Ablate) parts.Add(Divergence);
        return $"{Kind}: {string.Join(", ", parts)}";
    }
}
