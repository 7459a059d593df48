using System.Text.Json;

namespace NeuronViewer.Cli.Tests;

/// <summary>export (JSON lines, OpenAI layout) and import (from that layout into another data folder, named by --data-folder).</summary>
public sealed class ExchangeCommandTests : IDisposable
{
    private readonly DataFolderFixture data = new();

    public void Dispose() => data.Dispose();

    [Fact]
    public async Task Export_then_import_into_another_data_folder_round_trips_the_records_and_explanations()
    {
        var run = await Cli.Run("run", "--layers", "2", "--max-excerpts", "40", "--explainer", "offline", "--simulator", "offline", "--examples-per-split", "5");
        Assert.True(run.Exit == 0, run.Err);
        var (records, explanations) = data.Read(s => (s.Records.Count(), s.Explanations.Count()));

        var jsonl = await Cli.Run("export", "--out", data.Dir.File("all.jsonl"));
        Assert.True(jsonl.Exit == 0, jsonl.Err);
        var kinds = File.ReadLines(data.Dir.File("all.jsonl")).Select(l => JsonDocument.Parse(l).RootElement.GetProperty("kind").GetString()).ToList();
        Assert.Equal(records, kinds.Count(k => k == "neuron"));
        Assert.Equal(explanations, kinds.Count(k => k == "explanation"));
        Assert.Empty(Directory.GetFiles(data.Dir.Path, "*.tmp-*"));

        var layout = await Cli.Run("export", "--format", "openai", "--out", data.Dir.File("layout"));
        Assert.True(layout.Exit == 0, layout.Err);
        Assert.Equal(records, Directory.GetFiles(data.Dir.File("layout/collated-activations/2"), "*.json").Length);

        // --data-folder (accepted before any command) beats NeuronViewer__DataFolder, which still names the first folder.
        var import = await Cli.Run("--data-folder", data.Dir.File("other"), "import", data.Dir.File("layout"), "--subject-model", "bundled");
        Assert.True(import.Exit == 0, import.Err);
        Assert.StartsWith($"imported {records} records", import.Out, StringComparison.Ordinal);
        Assert.Equal((records, explanations), data.Read(s => (s.Records.Count(), s.Explanations.Count())));
        using var other = NeuronViewer.Storage.NeuronViewerStore.Open(data.Dir.File("other"));
        Assert.Equal(records, other.Records.Count());
        Assert.Equal("bundled", other.Runs.List().Single().SubjectModel);
    }

    [Fact]
    public async Task A_broken_file_refuses_the_whole_import_in_one_line()
    {
        Directory.CreateDirectory(data.Dir.File("bad/0"));
        File.WriteAllText(data.Dir.File("bad/0/1.json"), "{ not json");
        var (exit, _, error) = await Cli.Run("import", data.Dir.File("bad"));
        Assert.Equal(2, exit);
        Assert.StartsWith("error: ", error, StringComparison.Ordinal);
        Assert.Contains("0/1.json", error, StringComparison.Ordinal);
        Assert.Single(error.Trim().Split('\n'));
        Assert.Equal(0, data.Read(s => s.Records.Count()));
    }
}
