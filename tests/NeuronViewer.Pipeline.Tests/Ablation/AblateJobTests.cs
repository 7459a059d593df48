using NeuronViewer.Core.Records;
using NeuronViewer.Pipeline.Jobs;
using NeuronViewer.Pipeline.Stages;
using NeuronViewer.Pipeline.Tests.Stages;
using NeuronViewer.Storage.Jobs;
using NeuronViewer.Storage.Scores;

namespace NeuronViewer.Pipeline.Tests.Ablation;

/// <summary>The <c>ablate</c> job in the real composition: collected records, offline explanations, the bundled model, a real database.</summary>
public sealed class AblateJobTests
{
    [Fact]
    public async Task Ablate_scores_every_candidate_of_each_neuron_updates_the_browser_row_and_skips_them_next_time()
    {
        await using var host = await StageHost.StartAsync();
        Assert.Contains(JobKinds.Ablate, host.Engine.Kinds);
        NeuronId a = new(2, 37), b = new(2, 100), unexplained = new(2, 5);
        await Run(host, JobKinds.Collect, new CollectParameters { Layers = [2], MaxExcerpts = 60, Seed = 1 });
        await Run(host, JobKinds.Explain, new ExplainParameters { Select = new() { Neurons = [a, b] }, Backend = BackendChoice.Offline, ExamplesPerSplit = 2 });
        await Run(host, JobKinds.Score, new ScoreParameters { Select = new() { Neurons = [a, b] }, Backend = BackendChoice.Offline, ExamplesPerSplit = 2 });

        var details = new List<JobItemProgress>();
        host.Engine.Changed += s => { if (s.Detail is { } d) lock (details) details.Add(d); };
        var parameters = new AblateParameters { Select = new() { Neurons = [a, b, unexplained] }, Backend = BackendChoice.Offline, ExamplesPerSplit = 2 };
        var done = await host.WaitAsync(host.Engine.Submit(JobKinds.Ablate, parameters));

        Assert.Equal((3, 2, 1), (done.Total, done.Done, done.Failed));
        var failed = Assert.Single(host.Engine.Items(done.Id, JobItemState.Failed));
        Assert.Contains("2:5 has no explanation to ablate", failed.Error);
        foreach (var neuron in new[] { a, b })
        {
            var candidates = host.Store.Explanations.ForNeuron(neuron);
            var rows = host.Store.Ablations.ForNeuron(neuron);
            Assert.Equal(2 * candidates.Count, rows.Count);
            Assert.All(rows, r => Assert.Equal(("jsd", "offline", done.Id), (r.Divergence, r.Simulator!.Kind, r.JobId!.Value)));
            Assert.All(rows, r => Assert.True(r.Score is not null || r.NullReason is not null));
            var summary = host.Store.Summaries.Get(neuron)!;
            var best = rows.Single(r => r.ExplanationId == summary.BestExplanationId && r.Set == EvaluationSet.TopAndRandom);
            Assert.Equal(best.Score, summary.AblationScore);
        }
        lock (details)
            Assert.Contains(details, d => d.Unit == "excerpt passes" && d.Total > 0 && d.Processed == d.Total);
        Assert.Contains(host.Engine.Log(done.Id), l => l.Message.StartsWith("ablate:2:37: best ablation score", StringComparison.Ordinal));

        var again = await host.WaitAsync(host.Engine.Submit(JobKinds.Ablate, parameters with { Select = new() { Neurons = [a] } }));
        Assert.Equal(JobState.Completed, again.State);
        Assert.Equal(2 * host.Store.Explanations.ForNeuron(a).Count, host.Store.Ablations.ForNeuron(a).Count);
    }

    [Fact]
    public async Task An_unknown_divergence_fails_the_job_with_a_clear_message()
    {
        await using var host = await StageHost.StartAsync();
        await Run(host, JobKinds.Collect, new CollectParameters { Layers = [0], MaxExcerpts = 30 });
        var done = await host.WaitAsync(host.Engine.Submit(JobKinds.Ablate, new AblateParameters { Select = new() { Neurons = [new(0, 1)] }, Divergence = "tv" }));
        Assert.Equal(JobState.Failed, done.State);
        Assert.Contains("Unknown divergence 'tv'", done.Error);
    }

    private static async Task Run(StageHost host, string kind, object parameters)
    {
        var done = await host.WaitAsync(host.Engine.Submit(kind, parameters));
        Assert.True(done.State == JobState.Completed && done.Failed == 0, $"{kind}: {done.State} {done.Error}");
    }
}
