using NeuronViewer.Core.Records;
using NeuronViewer.Storage.Explanations;
using NeuronViewer.Storage.Scores;

namespace NeuronViewer.Storage.Tests;

public sealed class ConcurrencyTests : IDisposable
{
    private readonly TempStore temp = new();

    public void Dispose() => temp.Dispose();

    [Fact]
    public async Task Writers_on_many_threads_commit_everything_and_rows_match_the_data()
    {
        var store = temp.Store;
        var run = store.Runs.Create(Samples.Run());
        var pool = Samples.Pool(12, 8);
        var writers = Enumerable.Range(0, 4).Select(w => Task.Run(() =>
        {
            for (var i = 0; i < 15; i++)
            {
                var neuron = new NeuronId(0, i);
                store.Records.Save(run, Samples.Record(new NeuronId(1, w * 100 + i), w * 1000 + i, pool));
                var id = store.Explanations.Add(new StoredExplanation { Neuron = neuron, Text = $"writer {w} item {i}" });
                store.Scores.Save(new StoredScore
                {
                    ExplanationId = id, Set = EvaluationSet.TopAndRandom, Simulation = ExplanationAndScoreTests.Simulation(w / 10.0),
                });
                _ = store.Summaries.Query(new Summaries.NeuronQuery { Sort = Summaries.NeuronSort.Score, Descending = true });
            }
        })).ToArray();
        await Task.WhenAll(writers);

        for (var pass = 0; pass < 2; pass++)
        {
            var current = pass == 0 ? store : temp.Reopen();
            Assert.Equal(60, current.Records.Count());
            Assert.Equal(60, current.Explanations.Count());
            for (var i = 0; i < 15; i++)
            {
                var row = current.Summaries.Get(new NeuronId(0, i))!;
                Assert.Equal(4, row.ExplanationCount);
                Assert.Equal(0.3, row.TopAndRandomScore);
                Assert.StartsWith("writer 3 ", row.BestExplanation);
            }
            for (var w = 0; w < 4; w++)
                Assert.NotNull(current.Records.Get(new NeuronId(1, w * 100 + 14)));
        }
    }
}
