using NeuronViewer.Core.Records;
using NeuronViewer.Storage.Explanations;
using NeuronViewer.Storage.Scores;
using NeuronViewer.Storage.Summaries;

namespace NeuronViewer.Storage.Tests;

public sealed class SummaryTests : IDisposable
{
    private static readonly NeuronId Neuron = new(2, 7);
    private readonly TempStore temp = new();

    private NeuronViewerStore Store => temp.Store;

    public void Dispose() => temp.Dispose();

    [Fact]
    public void The_best_non_control_explanation_and_its_scores_show_in_the_browser_row()
    {
        var run = Store.Runs.Create(Samples.Run());
        var record = Samples.Record(Neuron, 3);
        Store.Records.Save(run, record);
        var weak = Add("weak idea");
        var strong = Add("Years In Text");
        var control = Store.Explanations.Add(new StoredExplanation
        {
            Neuron = Neuron, Text = "control", Source = ExplanationSource.Control, ControlFrom = new NeuronId(0, 0),
        });
        Score(weak, EvaluationSet.TopAndRandom, 0.2);
        Score(strong, EvaluationSet.TopAndRandom, 0.1);
        Score(strong, EvaluationSet.TopAndRandom, 0.7);
        Score(strong, EvaluationSet.RandomOnly, 0.4);
        Score(control, EvaluationSet.TopAndRandom, 0.99);
        Store.Ablations.Save(new StoredAblationScore { ExplanationId = strong, Set = EvaluationSet.TopAndRandom, Score = 0.35 });
        Store.Ablations.Save(new StoredAblationScore { ExplanationId = strong, Set = EvaluationSet.RandomOnly, Score = 0.9 });

        foreach (var row in new[] { Store.Summaries.Get(Neuron)!, temp.Reopen().Summaries.Get(Neuron)! })
        {
            Assert.Equal(strong, row.BestExplanationId);
            Assert.Equal("Years In Text", row.BestExplanation);
            Assert.Equal(0.7, row.TopAndRandomScore);
            Assert.Equal(0.4, row.RandomOnlyScore);
            Assert.Equal(0.35, row.AblationScore);
            Assert.Equal(3, row.ExplanationCount);
            Assert.True(row.HasRecord);
            Assert.Equal(run, row.RunId);
            Assert.Equal(record.MaxActivation, row.MaxActivation);
        }

        Store.Explanations.Delete(strong);
        var after = Store.Summaries.Get(Neuron)!;
        Assert.Equal(weak, after.BestExplanationId);
        Assert.Equal(0.2, after.TopAndRandomScore);
        Assert.Null(after.RandomOnlyScore);
        Assert.Null(after.AblationScore);
        Assert.Equal(2, after.ExplanationCount);
        Assert.Empty(Store.Scores.ForExplanation(strong));
        Assert.Empty(Store.Ablations.ForExplanation(strong));
    }

    [Fact]
    public void Unscored_and_NaN_scored_explanations_fall_back_to_the_first_one()
    {
        var first = Add("first");
        var second = Add("second");
        Score(second, EvaluationSet.TopAndRandom, double.NaN);
        var row = Store.Summaries.Get(Neuron)!;
        Assert.Equal(first, row.BestExplanationId);
        Assert.Null(row.TopAndRandomScore);
        Assert.False(row.HasRecord);
        Assert.Null(row.MaxActivation);
    }

    [Fact]
    public void Queries_filter_sort_and_page_like_a_plain_LINQ_query_over_the_same_rows()
    {
        var random = new Random(11);
        string[] words = ["years", "Python code", "cats", "the end of a sentence", "HTML tags"];
        var expected = new List<(NeuronId Id, string Text, double? Score)>();
        for (var i = 0; i < 120; i++)
        {
            var id = new NeuronId(i % 4, i);
            var text = $"{words[random.Next(words.Length)]} #{i}";
            var explanation = Store.Explanations.Add(new StoredExplanation { Neuron = id, Text = text });
            double? score = i % 7 == 0 ? null : Math.Round(random.NextDouble() * 2 - 1, 3);
            if (score is { } s)
                Score(explanation, EvaluationSet.TopAndRandom, s);
            expected.Add((id, text, score));
        }

        var query = new NeuronQuery
        {
            Layer = 1, MinScore = -0.5, MaxScore = 0.9, Text = "PYTHON", Sort = NeuronSort.Score, Descending = true, Skip = 1, Take = 3,
        };
        var want = expected
            .Where(e => e.Id.LayerIndex == 1 && e.Score is >= -0.5 and <= 0.9 && e.Text.Contains("python", StringComparison.OrdinalIgnoreCase))
            .OrderByDescending(e => e.Score).ThenBy(e => e.Id.NeuronIndex).ToList();
        var page = temp.Reopen().Summaries.Query(query);
        Assert.Equal(want.Count, page.Total);
        Assert.Equal(want.Skip(1).Take(3).Select(e => e.Id), page.Items.Select(r => r.Neuron));

        var ascending = Store.Summaries.Query(new NeuronQuery { Sort = NeuronSort.Score, Take = 1000 });
        Assert.Equal(120, ascending.Total);
        Assert.Equal(expected.Where(e => e.Score is not null).OrderBy(e => e.Score).ThenBy(e => e.Id.LayerIndex).ThenBy(e => e.Id.NeuronIndex)
            .Select(e => e.Id).Concat(expected.Where(e => e.Score is null).Select(e => e.Id).OrderBy(Key)), ascending.Items.Select(r => r.Neuron));

        var byNeuron = Store.Summaries.Query(new NeuronQuery { Take = 5, Skip = 30 });
        Assert.Equal(expected.Select(e => e.Id).OrderBy(Key).Skip(30).Take(5), byNeuron.Items.Select(r => r.Neuron));
        Assert.Equal(30, Store.Summaries.NeuronsPerLayer()[2]);
    }

    [Fact]
    public void Text_search_takes_words_in_any_order_and_follows_the_best_explanation_when_it_changes()
    {
        var other = new NeuronId(3, 1);
        Store.Explanations.Add(new StoredExplanation { Neuron = other, Text = "years and dates" });
        var weak = Add("numbers that are years");
        NeuronId[] Find(string q) => Store.Summaries.Query(new NeuronQuery { Text = q }).Items.Select(r => r.Neuron).ToArray();

        Assert.Equal([Neuron, other], Find("year"));
        Assert.Equal([Neuron], Find("year number"));
        Assert.Equal([other], Find("\"years and\""));
        Assert.Empty(Find("python"));

        // A better-scored explanation becomes the row's text: the search sees the new text, not the one it saw before.
        var strong = Add("Python code");
        Score(weak, EvaluationSet.TopAndRandom, 0.1);
        Score(strong, EvaluationSet.TopAndRandom, 0.8);
        Assert.Equal([Neuron], Find("python"));
        Assert.Equal([other], Find("year"));
    }

    [Theory]
    [InlineData(-1, 0, 10, "Layer -1")]
    [InlineData(null, -5, 10, "Skip -5")]
    [InlineData(null, 0, 0, "Page size 0")]
    [InlineData(null, 0, 5000, "Page size 5000")]
    public void Bad_queries_get_a_specific_message(int? layer, int skip, int take, string message)
    {
        var e = Assert.Throws<StorageException>(() => Store.Summaries.Query(new NeuronQuery { Layer = layer, Skip = skip, Take = take }));
        Assert.StartsWith(message, e.Message);
        Assert.Contains("above the maximum", Assert.Throws<StorageException>(
            () => Store.Summaries.Query(new NeuronQuery { MinScore = 0.5, MaxScore = 0.1 })).Message);
    }

    private static (int, int) Key(NeuronId id) => (id.LayerIndex, id.NeuronIndex);

    private long Add(string text) => Store.Explanations.Add(new StoredExplanation { Neuron = Neuron, Text = text });

    private void Score(long explanation, EvaluationSet set, double score) =>
        Store.Scores.Save(new StoredScore { ExplanationId = explanation, Set = set, Simulation = ExplanationAndScoreTests.Simulation(score) });
}
