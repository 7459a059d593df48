using LiteDB;

namespace NeuronViewer.Storage.Rating;

/// <summary>Where a study is: being set up (candidates editable), open for ratings, or closed (ratings final).</summary>
public enum StudyState
{
    Draft,
    Open,
    Closed,
}

/// <summary>An annotator as the study knows them: the stable user id (NameIdentifier claim) and a display name.</summary>
public sealed record AnnotatorRef(string Id, string Name);

/// <summary>A human-rating study (spec §15.3): its tasks (one neuron, five candidates each), scale, instructions and annotators.</summary>
public sealed class Study
{
    [BsonId(true)]
    public long Id { get; set; }

    public string Name { get; set; } = "";

    /// <summary>Shown to annotators above every task.</summary>
    public string Instructions { get; set; } = "";

    public RatingScale Scale { get; set; } = RatingScale.Default;

    /// <summary>How many annotators rate each task.</summary>
    public int AnnotatorsPerTask { get; set; } = 2;

    /// <summary>The annotators assigned to the study, in the order they were added (tasks are spread over them).</summary>
    public List<AnnotatorRef> Annotators { get; set; } = [];

    public StudyState State { get; set; }

    /// <summary>Records per split of the excerpts shown (as the scorer's <c>ExamplesPerSplit</c>); null shows the whole valid split.</summary>
    public int? ExamplesPerSplit { get; set; }

    /// <summary>Seeds random choices made when composing (e.g. control explanations).</summary>
    public int Seed { get; set; }

    /// <summary>How the candidates were chosen, in words (e.g. "3 explainer samples + token look-up baseline + control").</summary>
    public string Composition { get; set; } = "";

    public string? CreatedBy { get; set; }

    public DateTimeOffset CreatedAt { get; set; } = DateTimeOffset.UtcNow;

    public DateTimeOffset? OpenedAt { get; set; }

    public DateTimeOffset? ClosedAt { get; set; }

    public int TaskCount { get; set; }

    public AnnotatorRef? Annotator(string id) => Annotators.FirstOrDefault(a => a.Id == id);
}
