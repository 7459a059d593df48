using System.Collections.Concurrent;

namespace NeuronViewer.Pipeline.Subject;

/// <summary>
/// A few dedicated background threads with a bounded queue: interactive model work never runs on the thread pool
/// (so Blazor circuits keep their threads), at most <c>workers</c> requests compute at once, and a full queue is refused.
/// </summary>
internal sealed class InteractiveWorker : IDisposable
{
    private readonly BlockingCollection<WorkItem> queue;
    private readonly Thread[] threads;
    private readonly CancellationTokenSource stop = new();
    private int running;

    public InteractiveWorker(int workers, int capacity)
    {
        queue = new BlockingCollection<WorkItem>(Math.Max(1, capacity));
        threads = Enumerable.Range(0, Math.Max(1, workers))
            .Select(i => new Thread(Loop) { IsBackground = true, Name = $"subject-model-interactive-{i}" })
            .ToArray();
        foreach (var t in threads) t.Start();
    }

    /// <summary>Requests waiting to start.</summary>
    public int Queued => queue.Count;

    /// <summary>Requests computing now.</summary>
    public int Running => Volatile.Read(ref running);

    /// <summary>Queues the work; throws <see cref="SubjectModelBusyException"/> when the queue is full.</summary>
    public Task<T> Run<T>(Func<T> work, CancellationToken cancellationToken)
    {
        var done = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        var item = new WorkItem(() =>
        {
            if (cancellationToken.IsCancellationRequested)
            {
                done.TrySetCanceled(cancellationToken);
                return;
            }
            try
            {
                done.TrySetResult(work());
            }
            catch (OperationCanceledException e)
            {
                done.TrySetCanceled(e.CancellationToken);
            }
            catch (Exception e)
            {
                done.TrySetException(e);
            }
        });
        if (stop.IsCancellationRequested)
            throw new ObjectDisposedException(nameof(InteractiveWorker));
        if (!queue.TryAdd(item))
            throw new SubjectModelBusyException($"The subject model is busy ({queue.Count} requests are waiting); try again in a moment.");
        var registration = cancellationToken.Register(() => done.TrySetCanceled(cancellationToken));
        _ = done.Task.ContinueWith(_ => registration.Dispose(), TaskScheduler.Default);
        return done.Task;
    }

    private void Loop()
    {
        try
        {
            foreach (var item in queue.GetConsumingEnumerable(stop.Token))
            {
                Interlocked.Increment(ref running);
                try
                {
                    item.Run();
                }
                finally
                {
                    Interlocked.Decrement(ref running);
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    public void Dispose()
    {
        stop.Cancel();
        queue.CompleteAdding();
        foreach (var t in threads) t.Join(TimeSpan.FromSeconds(5));
        stop.Dispose();
        queue.Dispose();
    }

    private sealed record WorkItem(Action Run);
}
