using LiteDB;
using NeuronViewer.Core.Records;

namespace NeuronViewer.Storage.Rating;

/// <summary>An annotator's unfinished work on a task, saved as they go so nothing is lost; candidate positions as in the task.</summary>
public sealed class RatingDraft
{
    /// <summary>"{taskId}|{annotatorId}".</summary>
    [BsonId(false)]
    public string Id { get; set; } = "";

    public long StudyId { get; set; }

    public long TaskId { get; set; }

    public string AnnotatorId { get; set; } = "";

    /// <summary>Rating per candidate; null where not rated yet.</summary>
    public List<int?> Ratings { get; set; } = [];

    /// <summary>Candidate positions ranked so far, best first (may be partial).</summary>
    public List<int> Ranking { get; set; } = [];

    /// <summary>Candidate positions in the order the annotator sees them.</summary>
    public List<int> PresentationOrder { get; set; } = [];

    public string? Comment { get; set; }

    public bool NoneFits { get; set; }

    public DateTimeOffset StartedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    internal static string KeyOf(long taskId, string annotatorId) => $"{taskId}|{annotatorId}";
}

/// <summary>
/// One revision of an annotator's rating of a task (spec §15.3's record: rater, neuron, explanation ids, presentation order,
/// ratings, ranking, note, started/submitted times). Every submit adds a revision; the newest is current.
/// </summary>
public sealed class RatingSubmission
{
    [BsonId(true)]
    public long Id { get; set; }

    public long StudyId { get; set; }

    public long TaskId { get; set; }

    public int Layer { get; set; }

    public int Index { get; set; }

    [BsonIgnore]
    public NeuronId Neuron => new(Layer, Index);

    public string AnnotatorId { get; set; } = "";

    public string AnnotatorName { get; set; } = "";

    /// <summary>1 for the first submission, then 2, 3, … for each revision.</summary>
    public int Revision { get; set; }

    /// <summary>Whether this is the annotator's latest revision for the task.</summary>
    public bool IsCurrent { get; set; }

    /// <summary>The candidates' explanation ids, in task order.</summary>
    public List<long> ExplanationIds { get; set; } = [];

    /// <summary>Candidate positions in the order they were shown.</summary>
    public List<int> PresentationOrder { get; set; } = [];

    /// <summary>Rating per candidate, in task order.</summary>
    public List<int> Ratings { get; set; } = [];

    /// <summary>Candidate positions, best first (a permutation).</summary>
    public List<int> Ranking { get; set; } = [];

    public string? Comment { get; set; }

    /// <summary>The annotator's flag: none of the five explanations fits the activations.</summary>
    public bool NoneFits { get; set; }

    public DateTimeOffset StartedAt { get; set; }

    public DateTimeOffset SubmittedAt { get; set; }

    /// <summary>Rank of candidate <paramref name="candidate"/>, 1 = best.</summary>
    public int RankOf(int candidate) => Ranking.IndexOf(candidate) + 1;
}

/// <summary>How far one annotator is in a study.</summary>
public sealed record AnnotatorProgress(AnnotatorRef Annotator, int Assigned, int Submitted, int InDraft);
