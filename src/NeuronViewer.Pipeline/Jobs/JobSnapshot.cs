using NeuronViewer.Storage.Jobs;

namespace NeuronViewer.Pipeline.Jobs;

/// <summary>A job's progress as pages and the CLI show it: counters, rate and ETA (computed from the current run's timestamps).</summary>
public sealed record JobSnapshot(
    long Id,
    string Kind,
    string Title,
    JobState State,
    int Total,
    int Done,
    int Failed,
    string? Error,
    DateTime CreatedAt,
    DateTime? StartedAt,
    DateTime? FinishedAt,
    double? ItemsPerSecond,
    TimeSpan? Eta)
{
    /// <summary>Items finished, done or failed.</summary>
    public int Processed => Done + Failed;

    public int Remaining => Math.Max(0, Total - Processed);

    /// <summary>Processed / total, 0 when nothing is listed yet.</summary>
    public double Fraction => Total == 0 ? 0 : (double)Processed / Total;

    public bool IsFinal => State is JobState.Completed or JobState.Cancelled or JobState.Failed;

    /// <summary>Progress inside the item running now (e.g. excerpts of a collection), while the job runs.</summary>
    public JobItemProgress? Detail { get; init; }

    /// <summary>The snapshot of a stored job at time <paramref name="nowUtc"/>; rate and ETA only while it runs and has finished an item.</summary>
    public static JobSnapshot From(JobRecord job, DateTime nowUtc)
    {
        double? rate = null;
        TimeSpan? eta = null;
        var finished = job.Done + job.Failed - job.SegmentStartFinished;
        if (job.State == JobState.Running && job.SegmentStartedAt is { } since && finished > 0)
        {
            var seconds = (nowUtc - since).TotalSeconds;
            if (seconds > 0)
            {
                rate = finished / seconds;
                eta = TimeSpan.FromSeconds(job.Remaining / rate.Value);
            }
        }
        return new JobSnapshot(job.Id, job.Kind, job.Title, job.State, job.Total, job.Done, job.Failed, job.Error,
            job.CreatedAt, job.StartedAt, job.FinishedAt, rate, eta);
    }
}
