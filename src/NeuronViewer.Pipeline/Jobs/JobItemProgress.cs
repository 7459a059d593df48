using System.Collections.Concurrent;

namespace NeuronViewer.Pipeline.Jobs;

/// <summary>Progress inside a long item (a collection's excerpts): what it is doing, units processed of total, rate per second and time left.</summary>
public sealed record JobItemProgress(string Stage, long Processed, long Total, string Unit, double? Rate = null, TimeSpan? Eta = null)
{
    /// <summary>Processed / total, 0 when the total is not known yet.</summary>
    public double Fraction => Total <= 0 ? 0 : Math.Clamp((double)Processed / Total, 0, 1);
}

/// <summary>The latest in-item progress of each running job (kept in memory: it is only meaningful while the job runs).</summary>
internal sealed class JobProgressBoard
{
    private readonly ConcurrentDictionary<long, JobItemProgress> latest = new();

    public void Set(long jobId, JobItemProgress progress) => latest[jobId] = progress;

    public void Clear(long jobId) => latest.TryRemove(jobId, out _);

    public JobSnapshot Attach(JobSnapshot snapshot) =>
        snapshot.State == Storage.Jobs.JobState.Running && latest.TryGetValue(snapshot.Id, out var p) ? snapshot with { Detail = p } : snapshot;
}
