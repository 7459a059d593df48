using NeuronViewer.Core.Records;
using NeuronViewer.Storage;
using NeuronViewer.Storage.Explanations;
using NeuronViewer.Storage.Scores;
using NeuronViewer.Storage.Summaries;

namespace NeuronViewer.Benchmarks.Storage;

/// <summary>
/// `storage`: browser queries over N stored neurons (p50/p95, side by side with the same queries on LiteDB indexes alone)
/// and the database size per full neuron record. Arguments: --neurons 100000 --records 2000 --runs 40.
/// </summary>
public static class StorageBenchmark
{
    public static Task<int> RunAsync(string[] args)
    {
        var neurons = Argument(args, "--neurons", 100_000);
        var records = Argument(args, "--records", 2_000);
        var runs = Argument(args, "--runs", 40);
        var root = Path.Combine(Path.GetTempPath(), "nv-storage-benchmark", Guid.NewGuid().ToString("N"));
        Console.WriteLine($"storage benchmark: {neurons:N0} neurons for browser queries, {records:N0} full records, {runs} runs per query");
        try
        {
            Browser(Path.Combine(root, "browser"), neurons, runs);
            Records(Path.Combine(root, "records"), records, runs);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
        return Task.FromResult(0);
    }

    private static void Browser(string folder, int neurons, int runs)
    {
        var data = new SyntheticData(1);
        var random = new Random(2);
        var layers = 48;
        var perLayer = (neurons + layers - 1) / layers;
        using (var store = NeuronViewerStore.Open(folder))
        {
            var seconds = Measure.Seconds(() =>
            {
                for (var start = 0; start < neurons; start += 1000)
                {
                    store.Atomic(() =>
                    {
                        var batch = Enumerable.Range(start, Math.Min(1000, neurons - start)).ToList();
                        var ids = store.Explanations.AddMany(batch.Select(i => new StoredExplanation
                        {
                            Neuron = new NeuronId(i / perLayer, i % perLayer), Text = data.Explanation(i), Source = ExplanationSource.Explainer,
                        }));
                        foreach (var id in ids)
                        {
                            store.Scores.Save(new StoredScore { ExplanationId = id, Set = EvaluationSet.TopAndRandom, Simulation = Simulation(random.NextDouble() * 2 - 1) });
                            store.Scores.Save(new StoredScore { ExplanationId = id, Set = EvaluationSet.RandomOnly, Simulation = Simulation(random.NextDouble() * 2 - 1) });
                        }
                    });
                }
            });
            Console.WriteLine($"write: {neurons:N0} neurons × (1 explanation + 2 scores), browser rows kept up to date: {seconds:F1} s ({neurons / seconds:N0} neurons/s)");
        }
        using var reopened = NeuronViewerStore.Open(folder);
        var load = Measure.Seconds(() => _ = reopened.Summaries.Count);
        Console.WriteLine($"first query after a restart loads {reopened.Summaries.Count:N0} rows into memory: {load * 1000:F0} ms; file {Measure.Size(Measure.FileSize(reopened.DatabasePath))}");

        var queries = new (string Name, NeuronQuery Query)[]
        {
            ("all, by neuron, first page", new NeuronQuery()),
            ("all, by neuron, page at 50%", new NeuronQuery { Skip = neurons / 2 }),
            ("all, by score desc", new NeuronQuery { Sort = NeuronSort.Score, Descending = true }),
            ("layer 7, by score desc", new NeuronQuery { Layer = 7, Sort = NeuronSort.Score, Descending = true }),
            ("score 0.2–0.9, by max activation desc", new NeuronQuery { MinScore = 0.2, MaxScore = 0.9, Sort = NeuronSort.MaxActivation, Descending = true }),
            ("text 'python', by score desc", new NeuronQuery { Text = "python", Sort = NeuronSort.Score, Descending = true }),
            ("layer 7 + score ≥ 0 + text 'cats', by score", new NeuronQuery { Layer = 7, MinScore = 0, Text = "cats", Sort = NeuronSort.Score }),
        };
        using var baseline = new LiteDbOnlyBaseline(Path.Combine(folder, "baseline"), reopened.Summaries);
        Console.WriteLine($"{"browser query (page of 50 + total)",-48} {"p50 ms",8} {"p95 ms",8} {"matches",9} | {"LiteDB-only p50",15} {"p95",8} {"ratio p50",9}");
        foreach (var (name, query) in queries)
        {
            var total = reopened.Summaries.Query(query).Total;
            var (p50, p95) = Measure.Percentiles(() => reopened.Summaries.Query(query), runs);
            var (b50, b95) = Measure.Percentiles(() => baseline.Query(query), Math.Max(5, runs / 4));
            Console.WriteLine($"{name,-48} {p50,8:F2} {p95,8:F2} {total,9:N0} | {b50,15:F1} {b95,8:F1} {b50 / p50,8:F0}×");
        }
        var one = new NeuronId(7, 11);
        var (g50, g95) = Measure.Percentiles(() => reopened.Summaries.Get(one), runs);
        Console.WriteLine($"{"one row by neuron",-48} {g50,8:F3} {g95,8:F3}");
    }

    private static void Records(string folder, int count, int runs)
    {
        Console.WriteLine($"full neuron records: 50 top + 50 random + 5×20 quantile excerpts of 64 tokens, excerpts drawn from a pool of 50,000");
        foreach (var fourDecimals in new[] { false, true })
        {
            var data = new SyntheticData(3);
            _ = data.Pool;
            var path = Path.Combine(folder, fourDecimals ? "decimals" : "float32");
            var ids = Enumerable.Range(0, count).Select(i => new NeuronId(i / 3072, i % 3072)).ToList();
            double seconds;
            int excerpts;
            long halfSize = 0;
            using (var store = NeuronViewerStore.Open(path))
            {
                var run = store.Runs.Create(new NeuronViewer.Storage.Runs.CollectionRun { SubjectModel = "synthetic", ExcerptLength = 64 });
                seconds = Measure.Seconds(() =>
                {
                    foreach (var batch in ids.Chunk(100))
                    {
                        store.Records.SaveMany(run, batch.Select(id => data.Record(id, fourDecimals)).ToList());
                        if (batch[^1] == ids[count / 2 - 1])
                            halfSize = Measure.FileSize(store.DatabasePath);
                    }
                });
                excerpts = store.Records.ExcerptCount(run);
                var random = new Random(4);
                var (l50, _) = Measure.Percentiles(() => store.Records.List(), 5);
                var (p50, p95) = Measure.Percentiles(() => store.Records.Get(ids[random.Next(ids.Count)]), runs);
                Console.WriteLine($"  {(fourDecimals ? "activations with 4 decimals (OpenAI files)" : "float32 activations (our collector)"),-44} write {count / seconds,6:N0} records/s; " +
                    $"read one record p50 {p50:F1} ms, p95 {p95:F1} ms; list all stored neurons p50 {l50:F1} ms");
                var fullSize = Measure.FileSize(store.DatabasePath);
                var marginal = (fullSize - halfSize) / (double)(count - count / 2);
                Console.WriteLine($"  {"",-44} {Measure.Size(fullSize)} for {count:N0} records ({excerpts:N0} distinct excerpts); the second half added " +
                    $"{marginal / 1024:F1} KiB per record → 100k records ≈ {(fullSize + (100_000 - count) * marginal) / (1 << 30):F1} GiB");
            }
            var size = Measure.FileSize(Path.Combine(path, DataFolder.DatabaseFileName));
            var json = JsonEstimate.Bytes(data.Record(new NeuronId(0, 0), fourDecimals));
            Console.WriteLine($"  {"",-44} after closing (checkpointed): {Measure.Size(size)}; the OpenAI JSON of one record is {json / 1024.0:F0} KiB");
        }
    }

    private static ScoredSimulation Simulation(double score) => new(
        [new ScoredSequenceSimulation(new SequenceSimulation([" a", " b"], [1, 2], ActivationScale.NeuronActivations, [[1], [2]], [[1], [1]]), [0.5, 1.5], score)],
        score, null, null);

    private static int Argument(string[] args, string name, int fallback)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length && int.TryParse(args[at + 1], out var value) ? value : fallback;
    }
}
