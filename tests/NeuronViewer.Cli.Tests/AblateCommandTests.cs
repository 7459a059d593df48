using System.Text.Json;
using Microsoft.Extensions.Options;
using NeuronViewer.Core.Records;
using NeuronViewer.Explainers.Offline;
using NeuronViewer.Pipeline;
using NeuronViewer.Pipeline.Stages;
using NeuronViewer.Pipeline.Subject;
using NeuronViewer.Storage;

namespace NeuronViewer.Cli.Tests;

/// <summary><c>ablate</c> on a data folder holding a real collection (bundled model, layer 2) and offline explanations.</summary>
public sealed class AblateCommandTests : IClassFixture<AblateCommandTests.DataFolder>
{
    private static readonly NeuronId Neuron = new(2, 37);
    private readonly DataFolder data;

    public AblateCommandTests(DataFolder data) => this.data = data;

    /// <summary>Layer 2 of the bundled model collected over 40 excerpts, and three offline candidates for neuron 2:37.</summary>
    public sealed class DataFolder : IDisposable
    {
        private readonly TempFolder dir = new();

        public DataFolder()
        {
            using var store = NeuronViewerStore.Open(Folder);
            using var host = new SubjectModelHost(Options.Create(new SubjectModelOptions { Path = "bundled" }));
            new CollectStage(store, host, Options.Create(new NeuronViewerOptions())).RunAsync(new CollectParameters { Layers = [2], MaxExcerpts = 40, Corpus = "bundled" })
                .GetAwaiter().GetResult();
            var explain = new ExplainStage(store);
            explain.Save(explain.ExplainAsync(Neuron, new StatisticsExplainer(), new ExplainSettings(Candidates: 3, ExamplesPerSplit: 2)).GetAwaiter().GetResult());
        }

        public string Folder => dir.File("data");

        public NeuronViewerStore Open() => NeuronViewerStore.Open(Folder);

        public void Dispose() => dir.Dispose();
    }

    private Task<(int Exit, string Out, string Err)> Ablate(params string[] more) =>
        Cli.Run(["ablate", "--layer", "2", "--neuron", "37", "--simulator", "offline", "--examples-per-split", "2", "--data-folder", data.Folder, .. more]);

    [Fact]
    public async Task Every_stored_candidate_is_ablated_best_first_printed_as_json_and_stored()
    {
        int before;
        using (var store = data.Open()) before = store.Ablations.ForNeuron(Neuron).Count;
        var (exit, output, error) = await Ablate();
        Assert.True(exit == 0, error);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(3, lines.Count);
        var first = lines[0];
        Assert.Equal(["ablation_score", "d_simulated", "d_mean_ablated", "divergence", "random_only"], first.EnumerateObject().Take(5).Select(p => p.Name));
        Assert.Equal("jsd", first.GetProperty("divergence").GetString());
        Assert.Equal((4, 2), (first.GetProperty("n_records").GetInt32(), first.GetProperty("random_only").GetProperty("n_records").GetInt32()));
        Assert.True(first.GetProperty("d_mean_ablated").GetDouble() > 0);
        var scores = lines.Select(l => l.GetProperty("ablation_score")).Select(s => s.ValueKind == JsonValueKind.Null ? double.NegativeInfinity : s.GetDouble()).ToList();
        Assert.Equal(scores.OrderDescending(), scores);
        Assert.Equal("record mean", first.GetProperty("mean_source").GetString());
        Assert.Contains("stored", error);
        using var after = data.Open();
        var rows = after.Ablations.ForNeuron(Neuron);
        Assert.Equal(before + 6, rows.Count);
        var stored = rows.Skip(before).Single(r => r.ExplanationId == first.GetProperty("explanation_id").GetInt64() && r.Set == Storage.Scores.EvaluationSet.TopAndRandom);
        Assert.Equal((first.GetProperty("d_simulated").GetDouble(), first.GetProperty("n_positions").GetInt32()), (stored.DivergenceSimulated, stored.Positions));
    }

    [Fact]
    public async Task One_text_with_kl_is_printed_and_not_stored_when_it_is_not_a_candidate()
    {
        var (exit, output, error) = await Ablate("--explanation", "the word ' the'", "--divergence", "kl");
        Assert.True(exit == 0, error);
        var line = JsonDocument.Parse(output.Trim()).RootElement;
        Assert.Equal(("kl", "the word ' the'", JsonValueKind.Null), (line.GetProperty("divergence").GetString(), line.GetProperty("explanation").GetString(), line.GetProperty("explanation_id").ValueKind));
        Assert.Contains("not stored", error);
    }

    [Fact]
    public async Task Bad_input_gets_a_one_line_error()
    {
        var cases = new (string[] Args, string Message)[]
        {
            (["ablate", "--layer", "2", "--neuron", "9999", "--simulator", "offline", "--data-folder", data.Folder], "2:9999 has no record"),
            (["ablate", "--layer", "2", "--neuron", "37", "--divergence", "tv", "--data-folder", data.Folder], "Unknown divergence 'tv'"),
            (["ablate", "--layer", "2", "--neuron", "37", "--batch-size", "0", "--data-folder", data.Folder], "--batch-size must be positive"),
            (["ablate", "--layer", "2", "--neuron", "37", "--examples-per-split", "0", "--data-folder", data.Folder], "--examples-per-split must be positive"),
        };
        foreach (var (args, message) in cases)
        {
            var (exit, _, error) = await Cli.Run(args);
            Assert.Equal(2, exit);
            Assert.Contains(message, error);
            Assert.Single(error.Trim().Split('\n'));
        }
        var (parseExit, _, parseError) = await Cli.Run("ablate", "--layer", "2", "--neuron", "37", "--simulator", "telepathy", "--data-folder", data.Folder);
        Assert.NotEqual(0, parseExit);
        Assert.Contains("telepathy", parseError);
        using var open = data.Open();
        var (busyExit, _, busy) = await Ablate();
        Assert.Equal((2, true), (busyExit, busy.Contains("open in another NeuronViewer process")));
    }
}
