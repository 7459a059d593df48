using NeuronViewer.Storage;
using NeuronViewer.Storage.Jobs;

namespace NeuronViewer.Pipeline.Jobs;

/// <summary>Runs one job on the thread pool: lists its items once, runs pending ones (bounded), commits each result with its "done" mark.</summary>
internal sealed class JobRunner(JobEngine engine, NeuronViewerStore store, IJobHandler handler, long jobId, CancellationToken stopping)
{
    private const int BatchSize = 64;
    private readonly CancellationTokenSource cancel = CancellationTokenSource.CreateLinkedTokenSource(stopping);
    private JobState? stopAs;
    private volatile string? fatal;

    public Task Completion { get; private set; } = Task.CompletedTask;

    /// <summary>Runs the job; <paramref name="onExit"/> gets the final state write, to run together with the runner's removal.</summary>
    public void Start(Action<Action> onExit) =>
        Completion = Task.Run(async () =>
        {
            try
            {
                await RunAsync().ConfigureAwait(false);
            }
            finally
            {
                onExit(Finish);
                cancel.Dispose();
                engine.Publish(jobId);
            }
        });

    /// <summary>Asks the job to stop as Paused or Cancelled; items in flight are cancelled and stay pending.</summary>
    public bool RequestStop(JobState state)
    {
        stopAs ??= state;
        cancel.Cancel();
        return true;
    }

    private async Task RunAsync()
    {
        var job = store.Jobs.Change(jobId, j =>
        {
            j.State = JobState.Running;
            j.StartedAt ??= DateTime.UtcNow;
            j.SegmentStartedAt = DateTime.UtcNow;
            j.SegmentStartFinished = j.Done + j.Failed;
        })!;
        engine.Log(jobId, "info", "started");
        engine.Publish(jobId);
        var context = new JobContext(job, (level, message) => engine.Log(jobId, level, message), ReportProgress);
        try
        {
            if (!job.ItemsListed)
            {
                job = store.Jobs.AddItems(jobId, handler.EnumerateItems(context));
                engine.Log(jobId, "info", $"{job.Total} item(s) to process");
            }
            await RunPassesAsync(context).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            fatal ??= e.Message;
        }
    }

    private async Task RunPassesAsync(JobContext context)
    {
        using var slots = new SemaphoreSlim(Math.Max(1, handler.MaxParallelItems));
        var token = cancel.Token;
        var found = true;
        while (found && !token.IsCancellationRequested && fatal is null)
        {
            found = false;
            var cursor = -1;
            string? stage = null;
            var inFlight = new List<Task>();
            try
            {
                while (!token.IsCancellationRequested && fatal is null)
                {
                    var batch = store.Jobs.NextPending(jobId, cursor, BatchSize);
                    if (batch.Count == 0)
                        break;
                    found = true;
                    foreach (var item in batch)
                    {
                        var itemStage = handler.StageOf(item.Key);
                        if (stage is not null && itemStage != stage)
                        {
                            await Task.WhenAll(inFlight).ConfigureAwait(false); // a stage starts when the one before it has finished
                            inFlight.Clear();
                        }
                        stage = itemStage;
                        await slots.WaitAsync(token).ConfigureAwait(false);
                        if (token.IsCancellationRequested || fatal is not null)
                        {
                            slots.Release(); // a slot freed while stopping is not used
                            break;
                        }
                        inFlight.Add(RunItemAsync(context, item, token).ContinueWith(_ => slots.Release(), TaskScheduler.Default));
                        cursor = item.Number;
                    }
                    inFlight.RemoveAll(t => t.IsCompleted);
                }
            }
            finally
            {
                await Task.WhenAll(inFlight).ConfigureAwait(false);
            }
        }
    }

    private void ReportProgress(JobItemProgress progress)
    {
        engine.Progress.Set(jobId, progress);
        if (store.Jobs.Get(jobId) is { } job)
            engine.Notifier.Publish(engine.Progress.Attach(JobSnapshot.From(job, DateTime.UtcNow)), force: false);
    }

    private async Task RunItemAsync(JobContext context, JobItemRecord item, CancellationToken token)
    {
        JobItemResult result;
        try
        {
            result = await handler.RunItemAsync(context, item, token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            return;
        }
        catch (JobFatalException e)
        {
            fatal ??= e.Message;
            cancel.Cancel();
            return;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            result = JobItemResult.Failure($"{e.GetType().Name}: {e.Message}");
        }
        var error = result.Error;
        try
        {
            store.Atomic(() =>
            {
                if (result.Succeeded)
                    result.Commit?.Invoke();
                store.Jobs.FinishItem(jobId, item.Number, error);
            });
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            error = $"saving the result failed: {e.Message}";
            try
            {
                store.Jobs.FinishItem(jobId, item.Number, error);
            }
            catch (StorageException)
            {
                return; // the item was finished elsewhere; its result is not committed twice
            }
        }
        engine.Progress.Clear(jobId); // in-item progress belongs to the item that just finished
        if (error is not null)
            engine.Log(jobId, "error", $"{item.Key}: {error}");
        if (store.Jobs.Get(jobId) is { } job)
        {
            engine.Progress.Sample(jobId, job.Done + job.Failed);
            engine.Notifier.Publish(engine.Progress.Attach(JobSnapshot.From(job, DateTime.UtcNow)), force: false);
        }
    }

    private void Finish()
    {
        engine.Progress.Forget(jobId);
        var stoppedByHost = stopping.IsCancellationRequested && stopAs is null;
        var job = store.Jobs.Change(jobId, j =>
        {
            if (fatal is not null)
                (j.State, j.Error) = (JobState.Failed, fatal);
            else if (stopAs is { } state)
                j.State = state;
            else if (!stoppedByHost)
                j.State = JobState.Completed;
            if (j.State is JobState.Completed or JobState.Failed or JobState.Cancelled)
                j.FinishedAt = DateTime.UtcNow;
        })!;
        var message = fatal is not null ? $"failed: {fatal}"
            : stopAs is { } s ? (s == JobState.Cancelled ? "cancelled" : "paused")
            : stoppedByHost ? "interrupted by shutdown; it resumes at the next start"
            : $"completed: {job.Done} done, {job.Failed} failed";
        engine.Log(jobId, fatal is not null ? "error" : "info", message);
    }
}
