using NeuronViewer.Pipeline.Jobs;
using NeuronViewer.Storage.Jobs;

namespace NeuronViewer.Pipeline.Tests;

public class JobSchedulingTests
{
    [Fact]
    public async Task One_job_runs_at_a_time_by_default_and_the_next_waits_queued()
    {
        await using var host = new EngineHost();
        host.Handler.Gate = new SemaphoreSlim(0);
        await host.StartAsync();
        var first = host.Engine.Submit("test", new TestJobParameters(2));
        var second = host.Engine.Submit("test", new TestJobParameters(2));
        await EngineHost.Until(() => host.Handler.InFlight == 1, "the first job's item runs");

        Assert.Equal(JobState.Running, host.Engine.Get(first)!.State);
        Assert.Equal(JobState.Queued, host.Engine.Get(second)!.State);
        Assert.Equal(["0"], host.Handler.Invocations);

        host.Handler.Gate.Release(4);
        Assert.Equal(JobState.Completed, (await host.WaitAsync(first)).State);
        Assert.Equal(JobState.Completed, (await host.WaitAsync(second)).State);
    }

    [Fact]
    public async Task A_handler_runs_up_to_its_parallel_items_and_no_more()
    {
        await using var host = new EngineHost();
        var wide = new TestHandler(host.Store, "wide", parallel: 3) { Gate = new SemaphoreSlim(0) };
        await host.StartAsync(wide);
        var id = host.Engine.Submit("wide", new TestJobParameters(9));
        await EngineHost.Until(() => wide.InFlight == 3, "three items run together");
        await Task.Delay(100);

        Assert.Equal(3, wide.Invocations.Count);
        wide.Gate.Release(9);
        Assert.Equal(9, (await host.WaitAsync(id)).Done);
        Assert.Equal(3, wide.MaxInFlight);
    }

    [Fact]
    public async Task Pause_keeps_the_job_until_resume_and_a_queued_job_can_be_cancelled_before_it_starts()
    {
        await using var host = new EngineHost();
        host.Handler.Gate = new SemaphoreSlim(0);
        await host.StartAsync();
        var id = host.Engine.Submit("test", new TestJobParameters(4));
        var waiting = host.Engine.Submit("test", new TestJobParameters(4));
        host.Handler.Gate.Release(1);
        await EngineHost.Until(() => host.Job(id).Done == 1 && host.Handler.InFlight == 1, "one item is done");

        Assert.True(host.Engine.Cancel(waiting));
        Assert.True(host.Engine.Pause(id));
        Assert.Equal(JobState.Paused, (await host.WaitAsync(id)).State);
        Assert.Equal(JobState.Cancelled, host.Engine.Get(waiting)!.State);
        Assert.Equal(0, host.Job(waiting).Total);

        host.Handler.Gate = null;
        Assert.True(host.Engine.Resume(id));
        var done = await host.WaitAsync(id);
        Assert.Equal((JobState.Completed, 4), (done.State, done.Done));
        Assert.Equal(JobState.Cancelled, host.Engine.Get(waiting)!.State);
        Assert.Equal(4, host.Store.Explanations.Count());
    }

    [Fact]
    public async Task Subscribers_see_progress_and_the_final_state_and_the_log_stays_bounded()
    {
        await using var host = await new EngineHost(new JobEngineOptions { LogCapacity = 5, ProgressInterval = TimeSpan.Zero }).StartAsync();
        using var subscription = new CancellationTokenSource();
        var reader = host.Engine.Subscribe(subscription.Token);
        var events = new System.Collections.Concurrent.ConcurrentQueue<JobSnapshot>();
        host.Engine.Changed += events.Enqueue;
        var id = host.Engine.Submit("test", new TestJobParameters(20, FailReturn: [.. Enumerable.Range(0, 12)]));

        await host.WaitAsync(id);
        var seen = new List<JobSnapshot>();
        while (reader.TryRead(out var snapshot))
            seen.Add(snapshot);
        subscription.Cancel();

        Assert.Equal(JobState.Queued, seen[0].State);
        Assert.Contains(seen, s => s.State == JobState.Running && s.Processed > 0);
        Assert.Equal((JobState.Completed, 8, 12), (seen[^1].State, seen[^1].Done, seen[^1].Failed));
        Assert.Equal(seen.Count, events.Count);
        var log = host.Engine.Log(id);
        Assert.Equal(5, log.Count);
        Assert.Equal("completed: 8 done, 12 failed", log[^1].Message);
        Assert.Equal("8: unparsable response for 8", log[0].Message);
    }
}
