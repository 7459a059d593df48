using NeuronViewer.Core.Records;
using NeuronViewer.Storage.Explanations;

namespace NeuronViewer.Storage.Rating;

/// <summary>Which neurons a study covers: an explicit list, or the browser rows of a layer and/or top-and-random score range (with a record).</summary>
public sealed record NeuronSelection
{
    /// <summary>When given, exactly these neurons (the filters are ignored).</summary>
    public IReadOnlyList<NeuronId>? Neurons { get; init; }

    public int? Layer { get; init; }

    public double? MinScore { get; init; }

    public double? MaxScore { get; init; }

    /// <summary>At most this many neurons from the filters, in layer/index order.</summary>
    public int Limit { get; init; } = 50;
}

/// <summary>How each task's five candidates are composed (spec §15.3's sources): explainer samples plus optional baseline, human-written and control.</summary>
public sealed record CandidatePlan
{
    /// <summary>How many of the neuron's explainer explanations to take (in the order they were written).</summary>
    public int ExplainerSamples { get; init; } = RatingRules.CandidatesPerTask;

    /// <summary>Add the token look-up baseline (a stored one, else built from the neuron's token look-up table).</summary>
    public bool TokenLookupBaseline { get; init; }

    /// <summary>Add a human-written explanation: the text typed for the neuron, else the latest stored one.</summary>
    public bool HumanWritten { get; init; }

    /// <summary>Add a control: an explanation of another neuron.</summary>
    public bool Control { get; init; }

    /// <summary>The neuron the control is taken from; null picks one at random (seeded by the study).</summary>
    public NeuronId? ControlFrom { get; init; }

    /// <summary>Human-written explanations typed by the researcher, per neuron.</summary>
    public IReadOnlyDictionary<NeuronId, string> HumanTexts { get; init; } = new Dictionary<NeuronId, string>();

    /// <summary>Who typed the human-written explanations.</summary>
    public string? Author { get; init; }

    /// <summary>Candidates this plan gives a task (must be five).</summary>
    public int Slots => ExplainerSamples + (TokenLookupBaseline ? 1 : 0) + (HumanWritten ? 1 : 0) + (Control ? 1 : 0);

    /// <summary>The plan in words, e.g. "3 explainer samples + token look-up baseline + control (random)".</summary>
    public string Describe()
    {
        var parts = new List<string>();
        if (ExplainerSamples > 0)
            parts.Add(ExplainerSamples == 1 ? "1 explainer sample" : $"{ExplainerSamples} explainer samples");
        if (TokenLookupBaseline)
            parts.Add("token look-up baseline");
        if (HumanWritten)
            parts.Add("human-written");
        if (Control)
            parts.Add(ControlFrom is { } from ? $"control from {from}" : "control (random neuron)");
        return string.Join(" + ", parts);
    }
}

/// <summary>A task before it is stored: the neuron and its candidates (an Id of 0 marks an explanation that will be added).</summary>
public sealed record PlannedTask(NeuronId Neuron, IReadOnlyList<StoredExplanation> Candidates);

/// <summary>What creating a study would do: the tasks, and the neurons left out with the reason for each.</summary>
public sealed record StudyPlan(Study Study, IReadOnlyList<PlannedTask> Tasks, IReadOnlyList<string> Skipped);
