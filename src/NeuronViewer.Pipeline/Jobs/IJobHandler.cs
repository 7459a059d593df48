using System.Text.Json;
using NeuronViewer.Storage.Jobs;

namespace NeuronViewer.Pipeline.Jobs;

/// <summary>A kind of job (collect, explain, score, ablate, pipeline …): lists its items once, then runs them one by one.</summary>
public interface IJobHandler
{
    /// <summary>The kind name jobs are submitted under.</summary>
    string Kind { get; }

    /// <summary>The stage an item belongs to; items are listed stage by stage and a stage starts only when the items before it have finished.</summary>
    string StageOf(string itemKey) => "";

    /// <summary>How many items of one job may run at the same time (LLM calls: several; compute: 1).</summary>
    int MaxParallelItems => 1;

    /// <summary>The job's items (e.g. "3:117" per neuron), listed once when the job first runs; they must not depend on results of earlier runs.</summary>
    IEnumerable<string> EnumerateItems(JobContext context);

    /// <summary>Does one item's work; the returned commit action writes its results in the same transaction that marks the item done.</summary>
    Task<JobItemResult> RunItemAsync(JobContext context, JobItemRecord item, CancellationToken cancellationToken);
}

/// <summary>An item's outcome: success with the writes to commit atomically with "done", or a failure reason.</summary>
public sealed record JobItemResult
{
    private JobItemResult(Action? commit, string? error) => (Commit, Error) = (commit, error);

    /// <summary>Writes to run in the transaction that marks the item done (the repositories join it); null when there is nothing to write.</summary>
    public Action? Commit { get; }

    public string? Error { get; }

    public bool Succeeded => Error is null;

    public static JobItemResult Success(Action? commit = null) => new(commit, null);

    public static JobItemResult Failure(string reason) =>
        new(null, string.IsNullOrWhiteSpace(reason) ? throw new ArgumentException("A failure needs a reason.", nameof(reason)) : reason);
}

/// <summary>Thrown by a handler when the whole job cannot go on (e.g. the subject model cannot be loaded): the job fails, unfinished items stay pending.</summary>
public sealed class JobFatalException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>What a handler sees of its job: id, kind, parameters and the job's log.</summary>
public sealed class JobContext
{
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly Action<string, string> log;

    private readonly Action<JobItemProgress>? progress;

    internal JobContext(JobRecord job, Action<string, string> log, Action<JobItemProgress>? progress = null)
    {
        this.progress = progress;
        JobId = job.Id;
        Kind = job.Kind;
        ParametersJson = job.Parameters;
        this.log = log;
    }

    public long JobId { get; }

    public string Kind { get; }

    public string ParametersJson { get; }

    /// <summary>The job's parameters as the type they were submitted as.</summary>
    public T Parameters<T>() =>
        JsonSerializer.Deserialize<T>(ParametersJson, Json) ?? throw new JobFatalException($"Job {JobId} has no parameters.");

    /// <summary>Adds a line to the job's bounded log (level "info", "warning" or "error").</summary>
    public void Log(string message, string level = "info") => log(level, message);

    /// <summary>Reports progress inside the running item (throttled for subscribers; shown beside the item counts).</summary>
    public void ReportProgress(JobItemProgress itemProgress) => progress?.Invoke(itemProgress);
}
