using LiteDB;
using NeuronViewer.Core.Records;
using NeuronViewer.Storage.Explanations;

namespace NeuronViewer.Storage.Rating;

/// <summary>One candidate of a task: the stored explanation and a copy of its text and source (the task stays readable if the explanation is deleted).</summary>
public sealed class TaskCandidate
{
    public long ExplanationId { get; set; }

    public string Text { get; set; } = "";

    public ExplanationSource Source { get; set; }

    public bool IsBaseline { get; set; }

    /// <summary>For a control, the neuron the explanation was written for.</summary>
    public NeuronId? ControlFrom { get; set; }

    /// <summary>Where it came from in a few words, for researchers ("explainer sample 2", "control from 3:14").</summary>
    public string Describe() => Source switch
    {
        ExplanationSource.Control => $"control from {ControlFrom}",
        ExplanationSource.TokenLookupBaseline => "token look-up baseline",
        ExplanationSource.HumanWritten => "human-written",
        ExplanationSource.Imported => "imported",
        _ => IsBaseline ? "explainer (baseline)" : "explainer",
    };

    public static TaskCandidate From(StoredExplanation e) => new()
    {
        ExplanationId = e.Id, Text = e.Text, Source = e.Source, IsBaseline = e.IsBaseline, ControlFrom = e.ControlFrom,
    };
}

/// <summary>A rating task: one neuron of a study with its five candidate explanations and the annotators it is assigned to.</summary>
public sealed class RatingTask
{
    [BsonId(true)]
    public long Id { get; set; }

    public long StudyId { get; set; }

    /// <summary>0-based position in the study (the annotator's queue order).</summary>
    public int Number { get; set; }

    public long NeuronKey { get; set; }

    public int Layer { get; set; }

    public int Index { get; set; }

    [BsonIgnore]
    public NeuronId Neuron
    {
        get => new(Layer, Index);
        set => (Layer, Index) = (value.LayerIndex, value.NeuronIndex);
    }

    /// <summary>The candidates in a fixed order; ratings and rankings refer to these positions.</summary>
    public List<TaskCandidate> Candidates { get; set; } = [];

    /// <summary>Ids of the annotators who rate this task.</summary>
    public List<string> AnnotatorIds { get; set; } = [];
}
