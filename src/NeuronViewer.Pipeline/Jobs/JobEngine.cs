using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using NeuronViewer.Storage;
using NeuronViewer.Storage.Jobs;

namespace NeuronViewer.Pipeline.Jobs;

/// <summary>
/// Runs jobs on a bounded background worker with their state in LiteDB: submit, cancel, pause, resume, retry failed;
/// jobs that were running when the process stopped resume at the next start without redoing finished items.
/// </summary>
public sealed class JobEngine : BackgroundService
{
    private readonly NeuronViewerStore store;
    private readonly Dictionary<string, IJobHandler> handlers;
    private readonly JobEngineOptions options;
    private readonly ILogger logger;
    private readonly Lock gate = new();
    private readonly ConcurrentDictionary<long, JobRunner> running = new();
    private readonly SemaphoreSlim wake = new(0);

    public JobEngine(NeuronViewerStore store, IEnumerable<IJobHandler> handlers, IOptions<JobEngineOptions> options, ILogger<JobEngine>? logger = null)
    {
        this.store = store;
        this.options = options.Value;
        this.logger = logger ?? NullLogger<JobEngine>.Instance;
        this.handlers = handlers.ToDictionary(h => h.Kind, StringComparer.OrdinalIgnoreCase);
        store.Jobs.LogCapacity = this.options.LogCapacity;
        Notifier = new JobNotifier(this.logger) { ProgressInterval = this.options.ProgressInterval };
    }

    /// <summary>Raised on every state change and, at most every ProgressInterval, on progress (on a worker thread).</summary>
    public event Action<JobSnapshot>? Changed
    {
        add => Notifier.Changed += value;
        remove => Notifier.Changed -= value;
    }

    internal JobNotifier Notifier { get; }

    internal JobProgressBoard Progress { get; } = new();

    /// <summary>The registered job kinds.</summary>
    public IReadOnlyCollection<string> Kinds => handlers.Keys;

    /// <summary>Queues a job of a registered kind with its parameters (stored as JSON) and returns its id.</summary>
    public long Submit(string kind, object? parameters = null, string? title = null)
    {
        if (!handlers.TryGetValue(kind, out var handler))
            throw new ArgumentException($"Unknown job kind '{kind}'; known kinds: {string.Join(", ", handlers.Keys.Order())}.", nameof(kind));
        var id = store.Jobs.Create(new JobRecord
        {
            Kind = handler.Kind, Title = title ?? handler.Kind, State = JobState.Queued,
            Parameters = JsonSerializer.Serialize(parameters ?? new { }, parameters?.GetType() ?? typeof(object), JobContext.Json),
        });
        Log(id, "info", "queued");
        Publish(id);
        wake.Release();
        return id;
    }

    public JobSnapshot? Get(long id) => store.Jobs.Get(id) is { } job ? Progress.Attach(JobSnapshot.From(job, DateTime.UtcNow)) : null;

    /// <summary>The newest jobs first.</summary>
    public IReadOnlyList<JobSnapshot> List(int max = 50) => store.Jobs.List(max).Select(j => Progress.Attach(JobSnapshot.From(j, DateTime.UtcNow))).ToList();

    public IReadOnlyList<JobItemRecord> Items(long id, JobItemState? state = null, int skip = 0, int take = 100) => store.Jobs.Items(id, state, skip, take);

    public IReadOnlyList<JobLogEntry> Log(long id) => store.Jobs.LogOf(id);

    /// <summary>Stops a queued, paused or running job for good (it can still be resumed by hand); false when it was already final.</summary>
    public bool Cancel(long id) => Stop(id, JobState.Cancelled);

    /// <summary>Stops a queued or running job until <see cref="Resume"/>.</summary>
    public bool Pause(long id) => Stop(id, JobState.Paused);

    /// <summary>Queues a paused, cancelled or failed job again; it continues with its unfinished items.</summary>
    public bool Resume(long id)
    {
        lock (gate)
        {
            if (running.ContainsKey(id))
                return false;
            var job = store.Jobs.Change(id, j =>
            {
                if (j.State is JobState.Paused or JobState.Cancelled or JobState.Failed)
                    (j.State, j.Error, j.FinishedAt) = (JobState.Queued, null, null);
            });
            if (job?.State != JobState.Queued)
                return false;
        }
        Log(id, "info", "resumed");
        Publish(id);
        wake.Release();
        return true;
    }

    /// <summary>Puts the job's failed items back to pending and queues it (a running job picks them up); returns how many.</summary>
    public int RetryFailed(long id)
    {
        int count;
        lock (gate)
        {
            count = store.Jobs.ResetFailed(id);
            if (count > 0 && !running.ContainsKey(id))
                store.Jobs.Change(id, j => (j.State, j.Error, j.FinishedAt) = (JobState.Queued, null, null));
        }
        if (count > 0)
        {
            Log(id, "info", $"retrying {count} failed item(s)");
            Publish(id);
            wake.Release();
        }
        return count;
    }

    /// <summary>A stream of snapshots for one subscriber (a page or the CLI) until the token is cancelled.</summary>
    public System.Threading.Channels.ChannelReader<JobSnapshot> Subscribe(CancellationToken cancellationToken) => Notifier.Subscribe(cancellationToken);

    /// <summary>Completes when the job is completed, failed, cancelled or paused.</summary>
    public Task<JobSnapshot> WaitAsync(long id, CancellationToken cancellationToken = default) =>
        Notifier.WaitAsync(id, () => Get(id), cancellationToken);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        foreach (var job in options.ResumeOnStart ? store.Jobs.WithState(JobState.Running) : [])
        {
            store.Jobs.Change(job.Id, j => j.State = JobState.Queued);
            Log(job.Id, "info", $"resuming after a restart: {job.Done + job.Failed} of {job.Total} items were finished");
        }
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                StartQueued(stoppingToken);
                await wake.WaitAsync(TimeSpan.FromSeconds(2), stoppingToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        await Task.WhenAll(running.Values.Select(r => r.Completion)).ConfigureAwait(false);
    }

    internal void Log(long id, string level, string message)
    {
        store.Jobs.Log(id, level, message);
        logger.LogInformation("Job {JobId}: {Message}", id, message);
    }

    internal void Publish(long id)
    {
        if (Get(id) is { } snapshot)
            Notifier.Publish(snapshot, force: true);
    }

    private bool Stop(long id, JobState state)
    {
        lock (gate)
        {
            if (running.TryGetValue(id, out var runner))
                return runner.RequestStop(state);
            var changed = false;
            store.Jobs.Change(id, j =>
            {
                if (j.State is JobState.Queued or JobState.Paused && j.State != state)
                    (j.State, j.FinishedAt, changed) = (state, state == JobState.Cancelled ? DateTime.UtcNow : null, true);
            });
            if (!changed)
                return false;
        }
        Log(id, "info", state == JobState.Cancelled ? "cancelled" : "paused");
        Publish(id);
        return true;
    }

    private void StartQueued(CancellationToken stoppingToken)
    {
        lock (gate)
        {
            foreach (var job in store.Jobs.WithState(JobState.Queued))
            {
                if (running.Count >= Math.Max(1, options.MaxConcurrentJobs))
                    break;
                if (running.ContainsKey(job.Id) || options.Claim?.Invoke(job) == false)
                    continue;
                if (!handlers.TryGetValue(job.Kind, out var handler))
                {
                    store.Jobs.Change(job.Id, j => (j.State, j.Error, j.FinishedAt) = (JobState.Failed, $"No handler for job kind '{j.Kind}'.", DateTime.UtcNow));
                    Publish(job.Id);
                    continue;
                }
                var runner = new JobRunner(this, store, handler, job.Id, stoppingToken);
                running[job.Id] = runner;
                runner.Start(finish =>
                {
                    lock (gate)
                    {
                        try
                        {
                            finish();
                        }
                        finally
                        {
                            running.TryRemove(job.Id, out _);
                        }
                    }
                    wake.Release();
                });
            }
        }
    }

    public override void Dispose()
    {
        base.Dispose();
        wake.Dispose();
    }
}
