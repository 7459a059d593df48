using NeuronViewer.Core.Records;
using NeuronViewer.Pipeline.Stages;
using NeuronViewer.Storage;
using NeuronViewer.Storage.Explanations;
using NeuronViewer.Storage.Jobs;
using NeuronViewer.Storage.Scores;
using Xunit.Abstractions;

namespace NeuronViewer.Web.Tests.Faults;

/// <summary>
/// kill -9 of the web app during a collection, an explanation and a scoring job (bundled model and corpus, offline baselines):
/// after a restart on the same data folder the job resumes and completes, nothing finished before the kill is lost, changed or
/// written twice, and the database file the crash left is consistent.
/// </summary>
public sealed class CrashResumeTests(ITestOutputHelper output) : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(4);
    private readonly DataFolderTools data = new();

    public void Dispose() => data.Dispose();

    private static CollectParameters Collect(long excerpts, params int[] layers) =>
        new() { Layers = layers, MaxExcerpts = excerpts, Corpus = "bundled", Seed = 7 };

    private static readonly NeuronSelection Layer0 = new() { Layers = [0] };

    /// <summary>Neurons of the four layers collected (512 each).</summary>
    private const int Neurons = 4 * 512;

    [Fact]
    public async Task A_collection_killed_in_its_second_pass_and_again_while_writing_records_resumes_and_writes_every_neuron_once()
    {
        var job = data.Queue(JobKinds.Collect, Collect(200, 0, 1, 2, 3));
        using (var first = await ServerProcess.StartAsync(data.Folder))
        {
            // Pass 2 of 2: pass 1 ended with a checkpoint in the data folder.
            var seen = await first.WaitForAsync(job, j => j.DetailProcessed > j.DetailTotal / 2 && j.DetailProcessed < j.DetailTotal, Patience);
            first.KillHard();
            output.WriteLine($"first kill at {seen}");
        }
        data.AssertDatabaseConsistent();
        Assert.Single(Directory.GetFiles(Path.Combine(data.Folder, "checkpoints"), "*.ckpt"));
        Assert.Equal((JobState.Running, 0), data.Read(s => (s.Jobs.Get(job)!.State, s.Records.Count()))); // records are written at the end

        using (var second = await ServerProcess.StartAsync(data.Folder))
        {
            // It goes on from the checkpoint (pass 2), not from the start, and is killed again half-way through writing the records.
            var resumed = await second.WaitForAsync(job, j => j.Stage is "pass 1 of 2" or "pass 2 of 2" or "writing records", Patience);
            Assert.NotEqual("pass 1 of 2", resumed.Stage);
            var seen = await second.WaitForAsync(job, j => j.State == "running"
                ? j is { Stage: "writing records", Unit: "neurons", DetailProcessed: >= 64 and < Neurons }
                : throw new Xunit.Sdk.XunitException($"The collection finished before it could be killed while writing records: {j}"), Patience);
            second.KillHard();
            output.WriteLine($"resumed at {resumed}; second kill at {seen}");
        }
        data.AssertDatabaseConsistent();
        data.Read(store =>
        {
            var run = Assert.Single(store.Runs.List());
            Assert.StartsWith("collecting (incomplete)", run.Notes, StringComparison.Ordinal);
            Assert.InRange(store.Records.Count(), 1, Neurons - 1);
            return 0;
        });

        await RestartUntilCompleted(job);

        var documents = data.AssertDatabaseConsistent();
        Assert.Empty(Directory.GetFiles(Path.Combine(data.Folder, "checkpoints"), "*.ckpt"));
        data.Read(store =>
        {
            var finished = store.Jobs.Get(job)!;
            Assert.Equal((1, 1, 0), (finished.Total, finished.Done, finished.Failed));
            var run = Assert.Single(store.Runs.List()); // the half-written run is gone with its records and excerpts (LiteDB may reuse its id)
            Assert.DoesNotContain("incomplete", run.Notes, StringComparison.Ordinal);
            Assert.Equal(documents["excerpts"], store.Records.ExcerptCount(run.Id));
            foreach (var layer in new[] { 0, 1, 2, 3 })
            {
                var neurons = store.Records.List(layer);
                Assert.Equal(Enumerable.Range(0, 512), neurons.Select(n => n.NeuronIndex).Order());
                Assert.All(neurons, n => Assert.Equal(run.Id, store.Records.Get(n)!.RunId));
            }
            Assert.Equal(Neurons, store.Records.Count());
            return 0;
        });
    }

    [Fact]
    public async Task An_explanation_job_killed_half_way_resumes_without_losing_changing_or_repeating_explanations()
    {
        await data.RunAsync(JobKinds.Collect, Collect(300, 0));
        var job = data.Queue(JobKinds.Explain, new ExplainParameters { Select = Layer0, Candidates = 5, Backend = BackendChoice.Offline, ExamplesPerSplit = 5 });
        await KillHalfWay(job);

        var (doneBefore, before) = data.Read(s => (DoneNeurons(s, job), s.Explanations.All().Select(Fingerprint).ToList()));
        Assert.NotEmpty(doneBefore);
        // A result is stored in the transaction that marks its item done: explanations exist exactly for the neurons marked done.
        Assert.Equal(doneBefore.Where(n => data.Read(s => !ExplainStage.IsDead(s.Records.Get(n)!.Record))).ToHashSet(),
            before.Select(e => e.Neuron).ToHashSet());

        await RestartUntilCompleted(job);

        data.AssertDatabaseConsistent();
        data.Read(store =>
        {
            var finished = store.Jobs.Get(job)!;
            Assert.Equal((512, 512, 0), (finished.Total, finished.Done, finished.Failed));
            var all = store.Explanations.All().Select(Fingerprint).ToList();
            var alive = store.Records.List(0).Where(n => !ExplainStage.IsDead(store.Records.Get(n)!.Record)).ToList();
            Assert.NotEmpty(alive);
            foreach (var neuron in alive) // five candidates per explained neuron, each once
                Assert.Equal([0, 1, 2, 3, 4], all.Where(e => e.Neuron == neuron).Select(e => e.Sample ?? -1).Order());
            Assert.Equal(alive.Count * 5, all.Count);
            Assert.Equal(all.Count, all.Select(e => e.Id).Distinct().Count());
            Assert.Subset(all.ToHashSet(), before.ToHashSet()); // finished before the kill: same ids, same texts
            return 0;
        });
    }

    [Fact]
    public async Task A_scoring_job_killed_half_way_resumes_without_losing_changing_or_repeating_scores()
    {
        await data.RunAsync(JobKinds.Collect, Collect(300, 0));
        await data.RunAsync(JobKinds.Explain, new ExplainParameters { Select = Layer0, Candidates = 5, Backend = BackendChoice.Offline, ExamplesPerSplit = 5 });
        var job = data.Queue(JobKinds.Score, new ScoreParameters { Select = Layer0, Backend = BackendChoice.Offline, ExamplesPerSplit = 5 });
        await KillHalfWay(job);

        var (doneBefore, before) = data.Read(s => (DoneNeurons(s, job), Scores(s)));
        Assert.NotEmpty(doneBefore);
        Assert.Equal(doneBefore.Where(n => data.Read(s => s.Explanations.ForNeuron(n).Count > 0)).ToHashSet(), before.Select(s => s.Neuron).ToHashSet());

        await RestartUntilCompleted(job);

        data.AssertDatabaseConsistent();
        data.Read(store =>
        {
            var finished = store.Jobs.Get(job)!;
            Assert.Equal((512, 512, 0), (finished.Total, finished.Done, finished.Failed));
            var all = Scores(store);
            var explanations = store.Explanations.All().ToList();
            Assert.NotEmpty(explanations);
            foreach (var e in explanations) // one top-and-random and one random-only score per explanation
                Assert.Equal(new[] { EvaluationSet.TopAndRandom, EvaluationSet.RandomOnly }.Order(), all.Where(s => s.Explanation == e.Id).Select(s => s.Set).Order());
            Assert.Equal(explanations.Count * 2, all.Count);
            Assert.Subset(all.ToHashSet(), before.ToHashSet()); // finished before the kill: same ids, same values
            return 0;
        });
    }

    /// <summary>Starts the web app, waits until some but not all items are finished, then kills it with SIGKILL; checks the file it left.</summary>
    private async Task KillHalfWay(long job)
    {
        using (var first = await ServerProcess.StartAsync(data.Folder))
        {
            var seen = await first.WaitForAsync(job, j => j.Total > 0 && j.Processed >= 10 && j.Processed < j.Total * 3 / 4, Patience);
            first.KillHard();
            output.WriteLine($"killed at {seen}");
        }
        data.AssertDatabaseConsistent();
        var left = data.Read(s => s.Jobs.Get(job)!);
        Assert.Equal(JobState.Running, left.State);
        Assert.InRange(left.Done, 1, left.Total - 1);
    }

    /// <summary>Starts the web app again on the same folder (its lock file is still there) and waits until the job completed.</summary>
    private async Task RestartUntilCompleted(long job)
    {
        Assert.True(File.Exists(Path.Combine(data.Folder, DataFolder.DatabaseFileName + ".lock")));
        using (var second = await ServerProcess.StartAsync(data.Folder))
        {
            var done = await second.WaitForAsync(job, j => j.State is "completed" or "failed" or "cancelled", Patience);
            Assert.Equal("completed", done.State);
            second.KillHard(); // a finished job stays finished
        }
        var log = data.Read(s => s.Jobs.LogOf(job).Select(e => e.Message).ToList());
        Assert.Contains(log, m => m.StartsWith("resuming after a restart", StringComparison.Ordinal));
        Assert.Equal("completed", data.Read(s => s.Jobs.Get(job)!.State.ToString().ToLowerInvariant()));
    }

    private static HashSet<NeuronId> DoneNeurons(NeuronViewerStore store, long job) =>
        store.Jobs.Items(job, JobItemState.Done, take: 10_000).Select(i => NeuronItems.Neuron(i.Key)).ToHashSet();

    private static (long Id, NeuronId Neuron, int? Sample, string Text, string? Backend, long? Job) Fingerprint(StoredExplanation e) =>
        (e.Id, e.Neuron, e.SampleIndex, e.Text, e.Backend?.Label, e.JobId);

    private static List<(long Id, long Explanation, NeuronId Neuron, EvaluationSet Set, double? Ev, double? RSquared, int Failures)> Scores(NeuronViewerStore store) =>
        store.Explanations.All().SelectMany(e => store.Scores.ForExplanation(e.Id))
            .Select(s => (s.Id, s.ExplanationId, s.Neuron, s.Set, s.EvCorrelationScore, s.RsquaredScore, s.Failures.Count)).ToList();
}
