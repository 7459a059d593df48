using NeuronViewer.Core.Records;
using NeuronViewer.Pipeline.Jobs;
using NeuronViewer.Pipeline.Stages;
using NeuronViewer.Storage.Explanations;
using NeuronViewer.Storage.Jobs;

namespace NeuronViewer.Pipeline.Tests.Stages;

/// <summary>Stage jobs survive a restart and a pause without redoing or duplicating finished work; retry-failed redoes only failed items.</summary>
public sealed class StageResumeTests
{
    [Fact]
    public async Task A_pipeline_stopped_mid_explain_resumes_after_a_restart_without_duplicates()
    {
        await using var host = await StageHost.StartAsync();
        var id = host.Engine.Submit(JobKinds.Pipeline, new PipelineParameters
        {
            Collect = new CollectParameters { Layers = [3], MaxExcerpts = 50 }, Backend = BackendChoice.Offline, ExamplesPerSplit = 5,
        });
        await EngineHost.Until(() => host.Engine.Get(id)!.Done >= 60, "60 items are done");
        await host.RestartAsync();
        var before = host.Engine.Get(id)!;
        Assert.True(before.Done >= 60 && before.Done < 1025, $"{before.Done} done at the restart");
        var done = await host.WaitAsync(id);

        Assert.Equal(JobState.Completed, done.State);
        Assert.Equal(1025, done.Done);
        Assert.Contains(host.Engine.Log(id), l => l.Message.StartsWith("resuming after a restart", StringComparison.Ordinal));
        Assert.All(host.Engine.Items(id, take: 2000), i => Assert.Equal(1, i.Attempts));
        Assert.Single(host.Store.Runs.List());
        for (var n = 0; n < 512; n++)
        {
            var explanations = host.Store.Explanations.ForNeuron(new NeuronId(3, n));
            Assert.InRange(explanations.Count, 1, 5);
            Assert.Equal(explanations.Count, explanations.Select(e => e.SampleIndex).Distinct().Count());
            var scores = host.Store.Scores.ForNeuron(new NeuronId(3, n));
            Assert.Equal(explanations.Count * 2, scores.Count);
        }
    }

    [Fact]
    public async Task A_collection_paused_mid_pass_keeps_its_checkpoint_and_resumes_to_one_complete_run()
    {
        await using var host = await StageHost.StartAsync();
        JobItemProgress? seen = null;
        host.Engine.Changed += s => seen = s.Detail ?? seen;
        var id = host.Engine.Submit(JobKinds.Collect, new CollectParameters { Layers = [0, 5], MaxExcerpts = 1500 });
        await EngineHost.Until(() => seen is { Unit: "excerpts", Processed: > 100 }, "the collection is under way");
        Assert.True(host.Engine.Pause(id));
        var paused = await host.WaitAsync(id);
        Assert.Equal(JobState.Paused, paused.State);
        Assert.Equal(0, paused.Done);
        Assert.Single(Directory.GetFiles(Path.Combine(host.Folder, "checkpoints"), "collect-*.ckpt"));
        Assert.Empty(host.Store.Runs.List());

        await host.RestartAsync();
        Assert.True(host.Engine.Resume(id));
        var done = await host.WaitAsync(id);
        Assert.Equal(JobState.Completed, done.State);
        var run = Assert.Single(host.Store.Runs.List());
        Assert.StartsWith("1,500 excerpts", run.Notes, StringComparison.Ordinal);
        Assert.Equal(1024, host.Store.Records.Count());
        Assert.Empty(Directory.GetFiles(Path.Combine(host.Folder, "checkpoints")));
    }

    [Fact]
    public async Task Retry_failed_redoes_only_the_failed_neurons()
    {
        await using var host = await StageHost.StartAsync();
        await host.WaitAsync(host.Engine.Submit(JobKinds.Collect, new CollectParameters { Layers = [4], MaxExcerpts = 50 }));
        NeuronId[] neurons = [new(4, 1), new(4, 2), new(1, 9)];
        var id = host.Engine.Submit(JobKinds.Explain, new ExplainParameters { Select = new NeuronSelection { Neurons = neurons }, Backend = BackendChoice.Offline });
        var first = await host.WaitAsync(id);
        Assert.Equal((JobState.Completed, 2, 1), (first.State, first.Done, first.Failed));
        var failed = Assert.Single(host.Engine.Items(id, JobItemState.Failed));
        Assert.Equal(("explain:1:9", "Neuron 1:9 has no record; collect its layer first."), (failed.Key, failed.Error));
        var kept = host.Store.Explanations.ForNeuron(neurons[0]).Select(e => e.Id).ToList();

        await host.WaitAsync(host.Engine.Submit(JobKinds.Collect, new CollectParameters { Layers = [1], MaxExcerpts = 50 }));
        Assert.Equal(1, host.Engine.RetryFailed(id));
        var second = await host.WaitAsync(id);
        Assert.Equal((JobState.Completed, 3, 0), (second.State, second.Done, second.Failed));
        Assert.Equal(kept, host.Store.Explanations.ForNeuron(neurons[0]).Select(e => e.Id));
        Assert.NotEmpty(host.Store.Explanations.ForNeuron(neurons[2]));
        Assert.Equal([1, 1, 2], host.Engine.Items(id).Select(i => i.Attempts));

        // A second explain job over the same neurons finds them explained by this explainer and adds nothing.
        var again = await host.WaitAsync(host.Engine.Submit(JobKinds.Explain, new ExplainParameters { Select = new NeuronSelection { Layers = [4] }, Backend = BackendChoice.Offline }));
        Assert.Equal((512, 0), (again.Done, again.Failed));
        // Neurons that never activate positively have nothing to explain: skipped (done), not failed, and nothing stored.
        var dead = host.Store.Records.List(4).Where(n => !(host.Store.Records.Get(n)!.Record.MaxActivation > 0)).ToList();
        Assert.All(dead, n => Assert.Empty(host.Store.Explanations.ForNeuron(n)));
        Assert.Equal(kept, host.Store.Explanations.ForNeuron(neurons[0]).Select(e => e.Id));
        Assert.Equal(512 - dead.Count, host.Store.Summaries.All().Count(r => r.Layer == 4 && r.ExplanationCount > 0));
    }
}
