using NeuronViewer.Core.Records;
using NeuronViewer.Pipeline.Jobs;
using NeuronViewer.Storage.Jobs;

namespace NeuronViewer.Pipeline.Tests;

public class JobEngineTests
{
    [Fact]
    public async Task A_job_runs_every_item_once_and_completes_with_its_counters_and_log()
    {
        await using var host = await new EngineHost().StartAsync();
        var id = host.Engine.Submit("test", new TestJobParameters(12), "twelve");

        var done = await host.WaitAsync(id);

        Assert.Equal(JobState.Completed, done.State);
        Assert.Equal((12, 12, 0, 12), (done.Total, done.Done, done.Failed, done.Processed));
        Assert.Null(done.ItemsPerSecond);
        Assert.NotNull(done.FinishedAt);
        Assert.Equal("twelve", done.Title);
        Assert.Equal(12, host.Handler.Invocations.Distinct().Count());
        Assert.Equal(12, host.Handler.Invocations.Count);
        for (var i = 0; i < 12; i++)
            Assert.Equal(id, Assert.Single(host.Store.Explanations.ForNeuron(new NeuronId(0, i))).JobId);
        Assert.All(host.Engine.Items(id, take: 100), item => Assert.Equal(JobItemState.Done, item.State));
        Assert.Contains(host.Engine.Log(id), e => e.Message == "completed: 12 done, 0 failed");
    }

    [Fact]
    public async Task Failed_items_keep_their_reason_and_retry_failed_redoes_only_them()
    {
        await using var host = await new EngineHost().StartAsync();
        var id = host.Engine.Submit("test", new TestJobParameters(10, FailReturn: [2], FailThrow: [5], FailOnce: [7]));

        var first = await host.WaitAsync(id);

        Assert.Equal(JobState.Completed, first.State);
        Assert.Equal((7, 3), (first.Done, first.Failed));
        var failed = host.Engine.Items(id, JobItemState.Failed);
        Assert.Equal(["2", "5", "7"], failed.Select(i => i.Key));
        Assert.Equal("unparsable response for 2", failed[0].Error);
        Assert.Equal("InvalidOperationException: boom 5", failed[1].Error);
        Assert.Contains(host.Engine.Log(id), e => e.Level == "error" && e.Message == "5: InvalidOperationException: boom 5");
        Assert.Empty(host.Store.Explanations.ForNeuron(new NeuronId(0, 7)));

        host.Handler.Invocations.Clear();
        Assert.Equal(3, host.Engine.RetryFailed(id));
        var second = await host.WaitAsync(id);

        Assert.Equal(["2", "5", "7"], host.Handler.Invocations.Order());
        Assert.Equal((8, 2), (second.Done, second.Failed));
        Assert.Single(host.Store.Explanations.ForNeuron(new NeuronId(0, 7)));
        Assert.Equal(2, host.Engine.Items(id).Single(i => i.Key == "7").Attempts);
        Assert.Equal(8, host.Store.Explanations.Count());
    }

    [Fact]
    public async Task Cancel_stops_mid_job_and_resume_finishes_only_the_rest()
    {
        await using var host = new EngineHost();
        host.Handler.Gate = new SemaphoreSlim(0);
        await host.StartAsync();
        var id = host.Engine.Submit("test", new TestJobParameters(8));
        host.Handler.Gate.Release(3);
        await EngineHost.Until(() => host.Job(id).Done == 3 && host.Handler.InFlight == 1, "three items are done");

        Assert.True(host.Engine.Cancel(id));
        var cancelled = await host.WaitAsync(id);

        Assert.Equal(JobState.Cancelled, cancelled.State);
        Assert.Equal(3, cancelled.Done);
        Assert.Equal(5, host.Engine.Items(id, JobItemState.Pending).Count);
        Assert.Equal(3, host.Store.Explanations.Count());
        Assert.False(host.Engine.Cancel(id));

        host.Handler.Invocations.Clear();
        host.Handler.Gate = null;
        Assert.True(host.Engine.Resume(id));
        var completed = await host.WaitAsync(id);

        Assert.Equal(JobState.Completed, completed.State);
        Assert.Equal(["3", "4", "5", "6", "7"], host.Handler.Invocations);
        Assert.Equal(8, host.Store.Explanations.Count());
    }

    [Fact]
    public async Task A_restart_mid_job_resumes_where_it_stopped_without_redoing_or_duplicating_finished_items()
    {
        await using var host = new EngineHost();
        host.Handler.Gate = new SemaphoreSlim(0);
        await host.StartAsync();
        var id = host.Engine.Submit("test", new TestJobParameters(20));
        host.Handler.Gate.Release(6);
        await EngineHost.Until(() => host.Job(id).Done == 6 && host.Handler.InFlight == 1, "six items are done");
        var before = host.Handler.Invocations.ToArray();

        await host.RestartAsync();

        Assert.Equal(JobState.Completed, (await host.WaitAsync(id)).State);
        var job = host.Job(id);
        Assert.Equal((20, 20, 0), (job.Total, job.Done, job.Failed));
        Assert.Equal(7, before.Length);
        Assert.Empty(host.Handler.Invocations.Intersect(before[..6]));
        Assert.Equal(14, host.Handler.Invocations.Count);
        for (var i = 0; i < 20; i++)
            Assert.Single(host.Store.Explanations.ForNeuron(new NeuronId(0, i)));
        Assert.Contains(host.Engine.Log(id), e => e.Message == "interrupted by shutdown; it resumes at the next start");
        Assert.Contains(host.Engine.Log(id), e => e.Message == "resuming after a restart: 6 of 20 items were finished");
    }

    [Fact]
    public async Task An_engine_started_without_resume_leaves_an_interrupted_job_for_the_next_one()
    {
        await using var host = new EngineHost();
        host.Handler.Gate = new SemaphoreSlim(0);
        await host.StartAsync();
        var id = host.Engine.Submit("test", new TestJobParameters(5));
        host.Handler.Gate.Release(2);
        await EngineHost.Until(() => host.Job(id).Done == 2 && host.Handler.InFlight == 1, "two items are done");

        await host.RestartAsync(newOptions: new JobEngineOptions { ResumeOnStart = false });
        var other = host.Engine.Submit("test", new TestJobParameters(1));
        await host.WaitAsync(other);
        Assert.Equal((JobState.Running, 2), (host.Job(id).State, host.Job(id).Done));

        await host.RestartAsync(newOptions: new JobEngineOptions());
        Assert.Equal((JobState.Completed, 5), ((await host.WaitAsync(id)).State, host.Job(id).Done));
    }

    [Fact]
    public async Task A_commit_that_fails_leaves_none_of_the_items_writes_and_marks_it_failed()
    {
        await using var host = new EngineHost();
        host.Handler.BreakCommit = true;
        await host.StartAsync();
        var id = host.Engine.Submit("test", new TestJobParameters(2));

        var done = await host.WaitAsync(id);

        Assert.Equal(2, done.Failed);
        Assert.Equal(0, host.Store.Explanations.Count());
        Assert.Null(host.Store.Summaries.Get(new NeuronId(0, 0)));
        Assert.Equal("saving the result failed: disk full", host.Engine.Items(id)[0].Error);
    }

    [Fact]
    public async Task A_fatal_error_fails_the_job_and_leaves_unfinished_items_pending_for_a_resume()
    {
        await using var host = await new EngineHost().StartAsync();
        var id = host.Engine.Submit("test", new TestJobParameters(6, FatalAt: 3));

        var failed = await host.WaitAsync(id);

        Assert.Equal(JobState.Failed, failed.State);
        Assert.Equal("the subject model is missing", failed.Error);
        Assert.Equal(3, failed.Done);
        Assert.Equal(3, host.Engine.Items(id, JobItemState.Pending).Count);
        Assert.Contains(host.Engine.Log(id), e => e.Level == "error" && e.Message == "failed: the subject model is missing");
    }

    [Fact]
    public async Task Unknown_kinds_are_refused_with_the_known_ones()
    {
        await using var host = await new EngineHost().StartAsync();
        var e = Assert.Throws<ArgumentException>(() => host.Engine.Submit("explode"));
        Assert.Contains("Unknown job kind 'explode'; known kinds: test", e.Message);
        Assert.Empty(host.Engine.List());
    }

    [Fact]
    public void Rate_and_eta_come_from_the_current_runs_timestamps()
    {
        var start = new DateTime(2024, 1, 1, 12, 0, 0, DateTimeKind.Utc);
        var job = new JobRecord
        {
            Id = 1, State = JobState.Running, Total = 100, Done = 50, Failed = 10, SegmentStartedAt = start, SegmentStartFinished = 40,
        };

        var snapshot = JobSnapshot.From(job, start.AddSeconds(10));

        Assert.Equal(2.0, snapshot.ItemsPerSecond);
        Assert.Equal(TimeSpan.FromSeconds(20), snapshot.Eta);
        Assert.Equal(0.6, snapshot.Fraction);
        job.State = JobState.Paused;
        Assert.Null(JobSnapshot.From(job, start.AddSeconds(10)).Eta);
    }
}
