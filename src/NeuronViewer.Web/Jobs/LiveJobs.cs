using System.Collections.Concurrent;
using NeuronViewer.Pipeline.Jobs;

namespace NeuronViewer.Web.Jobs;

/// <summary>
/// A page's live view of the jobs: listens to the engine's notifications (on the engine's worker thread it only stores the
/// snapshot) and asks the page to re-render at most once per interval, so no work runs on the circuit beyond rendering.
/// </summary>
public sealed class LiveJobs : IDisposable
{
    private readonly JobEngine engine;
    private readonly Func<Task> render;
    private readonly TimeSpan interval;
    private readonly ConcurrentDictionary<long, JobSnapshot> latest = new();
    private int scheduled;
    private bool disposed;

    public LiveJobs(JobEngine engine, Func<Task> render, TimeSpan? interval = null)
    {
        this.engine = engine;
        this.render = render;
        this.interval = interval ?? TimeSpan.FromMilliseconds(500);
        Reload();
        engine.Changed += OnChanged;
    }

    /// <summary>The newest jobs first, each at its latest known state.</summary>
    public IReadOnlyList<JobSnapshot> Jobs => [.. latest.Values.OrderByDescending(j => j.Id)];

    /// <summary>Jobs queued or running now.</summary>
    public IReadOnlyList<JobSnapshot> Active => [.. Jobs.Where(j => j.State is Storage.Jobs.JobState.Queued or Storage.Jobs.JobState.Running)];

    /// <summary>Reads the job list again from the engine (after starting one, or to pick up jobs older than the first page).</summary>
    public void Reload(int max = 50)
    {
        foreach (var job in engine.List(max)) latest[job.Id] = job;
    }

    private void OnChanged(JobSnapshot snapshot)
    {
        latest[snapshot.Id] = snapshot;
        if (Interlocked.Exchange(ref scheduled, 1) == 1) return;
        _ = Task.Delay(interval).ContinueWith(async _ =>
        {
            Volatile.Write(ref scheduled, 0);
            if (disposed) return;
            try
            {
                await render().ConfigureAwait(false);
            }
            catch (ObjectDisposedException)
            {
            }
        }, TaskScheduler.Default);
    }

    public void Dispose()
    {
        disposed = true;
        engine.Changed -= OnChanged;
    }
}
