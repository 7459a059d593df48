using LiteDB;

namespace NeuronViewer.Storage.Jobs;

/// <summary>Where a job is in its life.</summary>
public enum JobState
{
    Queued,
    Running,
    Paused,
    Cancelled,
    Completed,
    Failed,
}

/// <summary>Where one item of a job is.</summary>
public enum JobItemState
{
    Pending,
    Done,
    Failed,
}

/// <summary>A persisted job: its kind and parameters, state, progress counters and the timestamps rate and ETA come from.</summary>
public sealed class JobRecord
{
    [BsonId(true)]
    public long Id { get; set; }

    /// <summary>The handler kind, e.g. "collect", "explain", "score".</summary>
    public string Kind { get; set; } = "";

    public string Title { get; set; } = "";

    /// <summary>The kind's parameters as JSON.</summary>
    public string Parameters { get; set; } = "{}";

    public JobState State { get; set; }

    /// <summary>Whether the items were listed (they are, once, when the job first runs).</summary>
    public bool ItemsListed { get; set; }

    public int Total { get; set; }

    public int Done { get; set; }

    public int Failed { get; set; }

    /// <summary>Why the whole job failed (an item's failure is on the item).</summary>
    public string? Error { get; set; }

    public DateTime CreatedAt { get; set; } = DateTime.UtcNow;

    public DateTime? StartedAt { get; set; }

    public DateTime? FinishedAt { get; set; }

    /// <summary>When the current (or last) run of the job started; rate is measured from here.</summary>
    public DateTime? SegmentStartedAt { get; set; }

    /// <summary>Items finished (done or failed) when the current run started.</summary>
    public int SegmentStartFinished { get; set; }

    [BsonIgnore]
    public int Remaining => Math.Max(0, Total - Done - Failed);

    [BsonIgnore]
    public bool IsFinal => State is JobState.Completed or JobState.Cancelled or JobState.Failed;
}

/// <summary>One item of a job (for example one neuron), with its own state, so retrying redoes only failed items.</summary>
public sealed class JobItemRecord
{
    /// <summary>Job id in the high 32 bits, item number in the low.</summary>
    [BsonId(false)]
    public long Id { get; set; }

    public long JobId { get; set; }

    /// <summary>0-based position in the job's item list.</summary>
    public int Number { get; set; }

    /// <summary>What the handler needs to find the item, e.g. "3:117" for a neuron.</summary>
    public string Key { get; set; } = "";

    public JobItemState State { get; set; }

    public int Attempts { get; set; }

    public string? Error { get; set; }

    public DateTime? FinishedAt { get; set; }
}

/// <summary>A line of a job's bounded log.</summary>
public sealed class JobLogEntry
{
    [BsonId(true)]
    public long Id { get; set; }

    public long JobId { get; set; }

    public DateTime At { get; set; } = DateTime.UtcNow;

    /// <summary>"info", "warning" or "error".</summary>
    public string Level { get; set; } = "info";

    public string Message { get; set; } = "";
}
