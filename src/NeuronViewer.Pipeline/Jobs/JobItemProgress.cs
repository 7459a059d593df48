using System.Collections.Concurrent;
using System.Diagnostics;

namespace NeuronViewer.Pipeline.Jobs;

/// <summary>Progress inside a long item (a collection's excerpts): what it is doing, units processed of total, rate per second and time left.</summary>
public sealed record JobItemProgress(string Stage, long Processed, long Total, string Unit, double? Rate = null, TimeSpan? Eta = null)
{
    /// <summary>Processed / total, 0 when the total is not known yet.</summary>
    public double Fraction => Total <= 0 ? 0 : Math.Clamp((double)Processed / Total, 0, 1);
}

/// <summary>
/// What the engine knows of running jobs beyond their stored counters (kept in memory, meaningful only while a job runs): the running
/// item's own progress, and recent finish times, so rate and ETA follow the current stage rather than the whole run's average.
/// </summary>
internal sealed class JobProgressBoard
{
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(30);
    private readonly ConcurrentDictionary<long, JobItemProgress> latest = new();
    private readonly ConcurrentDictionary<long, Queue<(long Ticks, int Processed)>> samples = new();

    public void Set(long jobId, JobItemProgress progress) => latest[jobId] = progress;

    public void Clear(long jobId) => latest.TryRemove(jobId, out _);

    /// <summary>Forgets everything about a job that stopped running.</summary>
    public void Forget(long jobId)
    {
        latest.TryRemove(jobId, out _);
        samples.TryRemove(jobId, out _);
    }

    /// <summary>Notes that the job has finished <paramref name="processed"/> items now.</summary>
    public void Sample(long jobId, int processed)
    {
        var queue = samples.GetOrAdd(jobId, _ => new Queue<(long, int)>());
        lock (queue)
        {
            var now = Stopwatch.GetTimestamp();
            queue.Enqueue((now, processed));
            while (queue.Count > 2 && Stopwatch.GetElapsedTime(queue.Peek().Ticks, now) > Window) queue.Dequeue();
        }
    }

    /// <summary>The snapshot with the running item's progress and, when recent finishes span at least two seconds, the recent rate and ETA.</summary>
    public JobSnapshot Attach(JobSnapshot snapshot)
    {
        if (snapshot.State != Storage.Jobs.JobState.Running) return snapshot;
        if (latest.TryGetValue(snapshot.Id, out var p)) snapshot = snapshot with { Detail = p };
        if (samples.TryGetValue(snapshot.Id, out var queue))
        {
            lock (queue)
            {
                if (queue.Count >= 2)
                {
                    var (firstTicks, firstDone) = queue.Peek();
                    var seconds = Stopwatch.GetElapsedTime(firstTicks).TotalSeconds;
                    var done = snapshot.Processed - firstDone;
                    if (seconds >= 2 && done > 0)
                    {
                        var rate = done / seconds;
                        snapshot = snapshot with { ItemsPerSecond = rate, Eta = TimeSpan.FromSeconds(snapshot.Remaining / rate) };
                    }
                }
            }
        }
        return snapshot;
    }
}
