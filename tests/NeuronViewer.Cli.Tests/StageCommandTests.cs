using System.Text.Json;
using NeuronViewer.Core.Records;
using NeuronViewer.Storage.Explanations;
using NeuronViewer.Storage.Scores;

namespace NeuronViewer.Cli.Tests;

/// <summary>collect into the database, explain and score one neuron with the offline baselines, and their bad-input errors.</summary>
public sealed class StageCommandTests : IDisposable
{
    private readonly DataFolderFixture data = new();

    public void Dispose() => data.Dispose();

    private async Task<NeuronId> CollectLayer0()
    {
        var (exit, output, error) = await Cli.Run("collect", "--layers", "0", "--max-excerpts", "40");
        Assert.True(exit == 0, error);
        Assert.Contains("512 neurons from 40 excerpts", output, StringComparison.Ordinal);
        return data.Read(s => s.Records.List(0).First(n => s.Records.Get(n)!.Record.MaxActivation > 0.5));
    }

    [Fact]
    public async Task Collect_writes_the_records_and_their_run_into_the_data_folders_database()
    {
        await CollectLayer0();
        var (records, run) = data.Read(s => (s.Records.Count(), s.Runs.List().Single()));
        Assert.Equal(512, records);
        Assert.Equal(("bundled", "gelu_new"), (run.SubjectModel, run.ActivationFunction));
        Assert.Equal([0], run.Layers);
        Assert.StartsWith("sha256:", run.SubjectModelRevision, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Explain_stores_the_candidates_with_provenance_and_prints_them()
    {
        var neuron = await CollectLayer0();
        var (exit, output, error) = await Cli.Run("explain", "--layer", "0", "--neuron", $"{neuron.NeuronIndex}", "--explainer", "offline");
        Assert.True(exit == 0, error);
        using var json = JsonDocument.Parse(output);
        var printed = json.RootElement.GetProperty("explanations").EnumerateArray().Select(e => e.GetString()).ToList();
        var stored = data.Read(s => s.Explanations.ForNeuron(neuron));
        Assert.Equal(printed, stored.Select(e => e.Text));
        Assert.InRange(stored.Count, 1, 5);
        Assert.All(stored, e => Assert.Equal((ExplanationSource.Explainer, true, "bundled"), (e.Source, e.IsBaseline, e.Provenance!.SubjectModel)));
        Assert.Equal("offline (baseline)", json.RootElement.GetProperty("explainer").GetString());
    }

    [Fact]
    public async Task Score_prints_exactly_the_score_object_of_the_best_stored_candidate()
    {
        var neuron = await CollectLayer0();
        await Cli.Run("explain", "--layer", "0", "--neuron", $"{neuron.NeuronIndex}", "--explainer", "offline");
        var (exit, output, error) = await Cli.Run("score", "--layer", "0", "--neuron", $"{neuron.NeuronIndex}", "--simulator", "offline", "--examples-per-split", "5");
        Assert.True(exit == 0, error);
        using var json = JsonDocument.Parse(output);
        var root = json.RootElement;
        Assert.Equal(["ev_correlation_score", "rsquared_score", "absolute_dev_explained_score", "random_only", "failed_sequences"],
            root.EnumerateObject().Select(p => p.Name));
        Assert.Equal(["ev_correlation_score", "rsquared_score", "absolute_dev_explained_score"], root.GetProperty("random_only").EnumerateObject().Select(p => p.Name));
        var scores = data.Read(s => s.Scores.ForNeuron(neuron));
        var explanations = data.Read(s => s.Explanations.ForNeuron(neuron));
        Assert.Equal(explanations.Count * 2, scores.Count);
        var best = scores.Where(s => s.Set == EvaluationSet.TopAndRandom).MaxBy(s => s.EvCorrelationScore ?? double.NegativeInfinity)!;
        var random = scores.Single(s => s.ExplanationId == best.ExplanationId && s.Set == EvaluationSet.RandomOnly);
        Assert.Equal(best.EvCorrelationScore!.Value, root.GetProperty("ev_correlation_score").GetDouble(), 12);
        Assert.Equal(random.EvCorrelationScore!.Value, root.GetProperty("random_only").GetProperty("ev_correlation_score").GetDouble(), 12);
        Assert.Equal(0, root.GetProperty("failed_sequences").GetInt32());
        Assert.Contains(explanations.Single(e => e.Id == best.ExplanationId).Text, error, StringComparison.Ordinal);

        // Scoring again finds every candidate scored by this simulator: nothing is added, the same object is printed.
        var again = await Cli.Run("score", "--layer", "0", "--neuron", $"{neuron.NeuronIndex}", "--simulator", "offline", "--examples-per-split", "5");
        Assert.Equal(output, again.Out);
        Assert.Equal(scores.Count, data.Read(s => s.Scores.ForNeuron(neuron).Count));
    }

    [Fact]
    public async Task Score_with_a_given_explanation_prints_its_score_and_stores_nothing()
    {
        var neuron = await CollectLayer0();
        var top = data.Read(s => s.Records.Get(neuron)!.Record.MostPositiveActivationRecords[0]);
        var peak = top.Tokens[top.Activations.ToList().IndexOf(top.Activations.Max())].Trim();
        var (exit, output, error) = await Cli.Run("score", "--layer", "0", "--neuron", $"{neuron.NeuronIndex}", "--simulator", "offline",
            "--explanation", $"the word \"{peak}\"");
        Assert.True(exit == 0, error);
        using var json = JsonDocument.Parse(output);
        Assert.Equal(JsonValueKind.Number, json.RootElement.GetProperty("ev_correlation_score").ValueKind);
        Assert.Equal(0, data.Read(s => s.Scores.Count()));
    }

    [Fact]
    public async Task Bad_input_gets_one_line_and_a_non_zero_exit()
    {
        await CollectLayer0();
        var cases = new (string[] Args, string Message)[]
        {
            (["explain", "--layer", "3", "--neuron", "1", "--explainer", "offline"], "Neuron 3:1 has no record; collect its layer first."),
            (["score", "--layer", "0", "--neuron", "1", "--simulator", "offline"], "Neuron 0:1 has no explanation to score; explain it first."),
            (["explain", "--layer", "0", "--neuron", "1", "--candidates", "0"], "--candidates must be at least 1, not 0."),
            (["score", "--layer", "0", "--neuron", "1", "--endpoint", "not a url"], "--endpoint is not an absolute URL: 'not a url'."),
            (["explain", "--layer", "0", "--neuron", "1", "--explainer", "openai"], "No API key: set the environment variable OPENAI_API_KEY"),
            (["collect", "--layers", "0", "--max-excerpts", "0"], "--max-excerpts must be positive, not 0."),
            (["import", data.Dir.File("nowhere")], "is neither a folder nor a file"),
        };
        var before = data.Read(s => (s.Explanations.Count(), s.Scores.Count(), s.Runs.List().Count));
        Environment.SetEnvironmentVariable("OPENAI_API_KEY", null);
        foreach (var (args, message) in cases)
        {
            var (exit, _, error) = await Cli.Run(args);
            Assert.True(exit != 0, string.Join(' ', args));
            Assert.Contains(message, error, StringComparison.Ordinal);
            Assert.Single(error.Trim().Split('\n'));
        }
        Assert.Equal(before, data.Read(s => (s.Explanations.Count(), s.Scores.Count(), s.Runs.List().Count)));
    }
}
