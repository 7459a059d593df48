using System.Globalization;
using NeuronViewer.Core.Records;
using NeuronViewer.Storage.Rating;

namespace NeuronViewer.Web.Rating;

/// <summary>The "new study" form's fields as typed, and their translation into a study, a neuron selection and a candidate plan (with one-line errors).</summary>
public sealed class StudyForm
{
    /// <summary>The instructions a new study starts with.</summary>
    public const string DefaultInstructions =
        "Look at the excerpts: darker tokens are where the neuron activates more strongly. For each explanation, rate how well it " +
        "captures when and how strongly the neuron activates, then rank all five from best to worst. Judge the explanation, not its wording.";

    public string Name { get; set; } = "";

    public string Instructions { get; set; } = DefaultInstructions;

    /// <summary>"list" (Neurons) or "filter" (Layer, MinScore, MaxScore, Limit).</summary>
    public string Selection { get; set; } = "filter";

    public string Neurons { get; set; } = "";

    public int? Layer { get; set; }

    public double? MinScore { get; set; }

    public double? MaxScore { get; set; }

    public int Limit { get; set; } = 20;

    /// <summary>Compose candidates (samples + baseline + human + control) instead of the explainer's five.</summary>
    public bool Compose { get; set; }

    public int ExplainerSamples { get; set; } = 3;

    public bool TokenLookupBaseline { get; set; } = true;

    public bool HumanWritten { get; set; }

    /// <summary>Lines "layer:index text".</summary>
    public string HumanTexts { get; set; } = "";

    public bool Control { get; set; } = true;

    /// <summary>Empty for a random neuron, else "layer:index".</summary>
    public string ControlFrom { get; set; } = "";

    public int ScaleMin { get; set; } = 1;

    public int ScaleMax { get; set; } = 5;

    /// <summary>One label per line, lowest value first; empty for none.</summary>
    public string ScaleLabels { get; set; } = string.Join("\n", RatingScale.Default.Labels);

    public int AnnotatorsPerTask { get; set; } = 2;

    /// <summary>Excerpts per split shown (null = the whole valid split, as scored).</summary>
    public int? ExamplesPerSplit { get; set; }

    public int Seed { get; set; } = 1;

    /// <summary>The study, selection and plan, or the first problem in one line.</summary>
    public (Study Study, NeuronSelection Selection, CandidatePlan Plan)? Build(string? author, out string? problem)
    {
        problem = null;
        try
        {
            var labels = ScaleLabels.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).ToList();
            var study = new Study
            {
                Name = Name.Trim(), Instructions = Instructions.Trim(), AnnotatorsPerTask = AnnotatorsPerTask, ExamplesPerSplit = ExamplesPerSplit,
                Seed = Seed, CreatedBy = author, Scale = new RatingScale { Min = ScaleMin, Max = ScaleMax, Labels = labels },
            };
            if (study.Name.Length == 0)
                throw new FormatException("Give the study a name.");
            study.Scale.Validate();
            var selection = Selection == "list"
                ? new NeuronSelection { Neurons = ParseNeurons(Neurons) }
                : new NeuronSelection { Layer = Layer, MinScore = MinScore, MaxScore = MaxScore, Limit = Limit };
            var plan = Compose
                ? new CandidatePlan
                {
                    ExplainerSamples = ExplainerSamples, TokenLookupBaseline = TokenLookupBaseline, HumanWritten = HumanWritten, Control = Control,
                    ControlFrom = string.IsNullOrWhiteSpace(ControlFrom) ? null : ParseNeuron(ControlFrom.Trim()),
                    HumanTexts = ParseHumanTexts(HumanTexts), Author = author,
                }
                : new CandidatePlan();
            return (study, selection, plan);
        }
        catch (Exception e) when (e is FormatException or Storage.StorageException)
        {
            problem = e.Message;
            return null;
        }
    }

    /// <summary>Neurons written "layer:index", separated by commas, spaces or lines.</summary>
    public static List<NeuronId> ParseNeurons(string text)
    {
        var parts = (text ?? "").Split([',', ' ', '\n', '\r', '\t', ';'], StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length == 0)
            throw new FormatException("List at least one neuron as layer:index, e.g. 3:117.");
        return parts.Select(ParseNeuron).Distinct().ToList();
    }

    /// <summary>One neuron "layer:index" (both whole numbers ≥ 0).</summary>
    public static NeuronId ParseNeuron(string text)
    {
        var bits = text.Split(':');
        if (bits.Length == 2 && int.TryParse(bits[0], NumberStyles.None, CultureInfo.InvariantCulture, out var layer)
            && int.TryParse(bits[1], NumberStyles.None, CultureInfo.InvariantCulture, out var index))
        {
            return new NeuronId(layer, index);
        }
        throw new FormatException($"“{text}” is not a neuron: write layer:index, e.g. 3:117.");
    }

    /// <summary>Lines "layer:index explanation text".</summary>
    public static Dictionary<NeuronId, string> ParseHumanTexts(string text)
    {
        var result = new Dictionary<NeuronId, string>();
        foreach (var line in (text ?? "").Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var space = line.IndexOfAny([' ', '\t']);
            if (space < 0)
                throw new FormatException($"The line “{line}” has no explanation: write layer:index, a space, then the text.");
            var neuron = ParseNeuron(line[..space]);
            if (!result.TryAdd(neuron, line[(space + 1)..].Trim()))
                throw new FormatException($"Neuron {neuron} has two human-written explanations; keep one.");
        }
        return result;
    }
}
