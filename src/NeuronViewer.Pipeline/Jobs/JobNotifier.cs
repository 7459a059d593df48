using System.Collections.Concurrent;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;

namespace NeuronViewer.Pipeline.Jobs;

/// <summary>Fans job snapshots out to event handlers, channel subscribers and waiters; progress is throttled per job, state changes are not.</summary>
internal sealed class JobNotifier(ILogger logger)
{
    private readonly ConcurrentDictionary<long, long> lastProgressTicks = new();
    private readonly ConcurrentDictionary<Channel<JobSnapshot>, byte> channels = new();

    public event Action<JobSnapshot>? Changed;

    public TimeSpan ProgressInterval { get; set; } = TimeSpan.FromMilliseconds(250);

    public void Publish(JobSnapshot snapshot, bool force)
    {
        var now = Environment.TickCount64;
        if (!force)
        {
            var last = lastProgressTicks.GetOrAdd(snapshot.Id, 0);
            if (now - last < ProgressInterval.TotalMilliseconds || !lastProgressTicks.TryUpdate(snapshot.Id, now, last))
                return;
        }
        else
        {
            lastProgressTicks[snapshot.Id] = now;
        }
        foreach (var channel in channels.Keys)
            channel.Writer.TryWrite(snapshot);
        foreach (var handler in Changed?.GetInvocationList() ?? [])
        {
            try
            {
                ((Action<JobSnapshot>)handler)(snapshot);
            }
            catch (Exception e)
            {
                logger.LogWarning(e, "A job change subscriber failed");
            }
        }
    }

    public ChannelReader<JobSnapshot> Subscribe(CancellationToken cancellationToken)
    {
        var channel = Channel.CreateBounded<JobSnapshot>(new BoundedChannelOptions(256) { FullMode = BoundedChannelFullMode.DropOldest });
        channels[channel] = 0;
        cancellationToken.Register(() =>
        {
            channels.TryRemove(channel, out _);
            channel.Writer.TryComplete();
        });
        return channel.Reader;
    }

    public async Task<JobSnapshot> WaitAsync(long id, Func<JobSnapshot?> current, CancellationToken cancellationToken)
    {
        var done = new TaskCompletionSource<JobSnapshot>(TaskCreationOptions.RunContinuationsAsynchronously);
        void OnChanged(JobSnapshot s)
        {
            // An event only prompts a fresh look: a late event may carry a state the job has already left.
            if (s.Id == id && current() is { } now && IsSettled(now))
                done.TrySetResult(now);
        }
        Changed += OnChanged;
        try
        {
            var now = current() ?? throw new ArgumentException($"Job {id} does not exist.", nameof(id));
            if (IsSettled(now))
                return now;
            using var registration = cancellationToken.Register(() => done.TrySetCanceled(cancellationToken));
            return await done.Task.ConfigureAwait(false);
        }
        finally
        {
            Changed -= OnChanged;
        }
    }

    private static bool IsSettled(JobSnapshot s) => s.IsFinal || s.State == Storage.Jobs.JobState.Paused;
}
