using NeuronViewer.Core.Records;
using NeuronViewer.Pipeline.Jobs;
using NeuronViewer.Pipeline.Stages;
using NeuronViewer.Storage.Explanations;
using NeuronViewer.Storage.Jobs;
using NeuronViewer.Storage.Scores;
using Xunit.Abstractions;

namespace NeuronViewer.Pipeline.Tests.Stages;

/// <summary>The stage jobs against a real LiteDB file and the real bundled model, small runs.</summary>
public sealed class StageJobTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Collect_stores_a_run_with_provenance_every_neuron_of_the_layer_and_reports_excerpt_progress()
    {
        await using var host = await StageHost.StartAsync();
        var details = new List<JobItemProgress>();
        host.Engine.Changed += s => { if (s.Detail is { } d) lock (details) details.Add(d); };
        var id = host.Engine.Submit(JobKinds.Collect, new CollectParameters { Layers = [1], MaxExcerpts = 60, Seed = 3 });
        var done = await host.WaitAsync(id);

        Assert.Equal(JobState.Completed, done.State);
        Assert.Equal((1, 1, 0), (done.Total, done.Done, done.Failed));
        var run = Assert.Single(host.Store.Runs.List());
        var model = host.Model.Info!;
        Assert.Equal((model.Name, model.Revision, "gelu_new", "float32", 3), (run.SubjectModel, run.SubjectModelRevision, run.ActivationFunction, run.DType, run.Seed));
        Assert.Equal([1], run.Layers);
        Assert.StartsWith("60 excerpts", run.Notes, StringComparison.Ordinal);
        Assert.Equal(Enumerable.Range(0, 512).Select(n => new NeuronId(1, n)), host.Store.Records.List());
        var record = host.Store.Records.Get(new NeuronId(1, 7))!;
        Assert.Equal(run.Id, record.RunId);
        Assert.NotNull(host.Store.Records.GetRelatedTokens(new NeuronId(1, 7))!.LookupTable);
        Assert.Empty(Directory.GetFiles(Path.Combine(host.Folder, "checkpoints")));
        lock (details)
        {
            var excerpts = details.Where(d => d.Unit == "excerpts" && d.Total > 0).ToList();
            Assert.NotEmpty(excerpts);
            Assert.All(excerpts, d => Assert.Equal(120, d.Total)); // both passes over 60 excerpts
            Assert.Contains(details, d => d.Unit == "neurons" && d.Total == 512);
        }
        Assert.Contains(host.Engine.Log(id), l => l.Message.StartsWith("collected 512 neurons from 60 excerpts", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_pipeline_collects_then_explains_then_scores_every_neuron_of_its_layers()
    {
        await using var host = await StageHost.StartAsync();
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var id = host.Engine.Submit(JobKinds.Pipeline, new PipelineParameters
        {
            Collect = new CollectParameters { Layers = [2], MaxExcerpts = 60 }, Backend = BackendChoice.Offline, ExamplesPerSplit = 5,
        });
        var done = await host.WaitAsync(id);
        output.WriteLine($"pipeline over 512 neurons: {watch.Elapsed}");

        Assert.Equal(JobState.Completed, done.State);
        Assert.Equal((1 + 512 + 512, 0), (done.Done, done.Failed));
        var items = host.Engine.Items(id, take: 2000);
        Assert.Equal(["collect", .. Enumerable.Repeat("explain", 512), .. Enumerable.Repeat("score", 512)], items.Select(i => NeuronItems.Stage(i.Key)));
        // Stages ran in order: every explain finished after the collect item, every score after the last explain.
        Assert.True(items.Where(i => i.Key.StartsWith("explain", StringComparison.Ordinal)).Min(i => i.FinishedAt) >= items[0].FinishedAt);
        Assert.True(items.Where(i => i.Key.StartsWith("score", StringComparison.Ordinal)).Min(i => i.FinishedAt)
            >= items.Where(i => i.Key.StartsWith("explain", StringComparison.Ordinal)).Max(i => i.FinishedAt));

        var neuron = new NeuronId(2, 11);
        var explanations = host.Store.Explanations.ForNeuron(neuron);
        Assert.InRange(explanations.Count, 1, 5);
        Assert.All(explanations, e =>
        {
            Assert.Equal(ExplanationSource.Explainer, e.Source);
            Assert.True(e.IsBaseline);
            Assert.Equal(id, e.JobId);
            Assert.Equal(host.Model.Info!.Revision, e.Provenance!.SubjectModelRevision);
            Assert.Equal("bundled", e.Provenance.Dataset);
        });
        var scores = host.Store.Scores.ForNeuron(neuron, withSimulations: true);
        Assert.Equal(explanations.Count * 2, scores.Count);
        Assert.All(explanations, e => Assert.Equal([EvaluationSet.TopAndRandom, EvaluationSet.RandomOnly],
            scores.Where(s => s.ExplanationId == e.Id).Select(s => s.Set).Order()));
        Assert.All(scores, s => Assert.True(s.Simulator!.IsBaseline));
        var summary = host.Store.Summaries.Get(neuron)!;
        var best = scores.Where(s => s.Set == EvaluationSet.TopAndRandom).MaxBy(s => s.EvCorrelationScore ?? double.NegativeInfinity)!;
        Assert.Equal(best.ExplanationId, summary.BestExplanationId);
        Assert.Equal(best.EvCorrelationScore, summary.TopAndRandomScore);
        Assert.Equal(512, host.Store.Summaries.All().Count(r => r.Layer == 2 && r.ExplanationCount > 0));
    }
}
