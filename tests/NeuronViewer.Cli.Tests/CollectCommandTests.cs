using System.Text.Json;
using NeuronViewer.Cli.Commands;
using NeuronViewer.SubjectModel.Checkpoints;
using NeuronViewer.SubjectModel.Model;

namespace NeuronViewer.Cli.Tests;

/// <summary><c>collect</c> end to end on a small real-vocabulary checkpoint, and its bad-input errors.</summary>
public sealed class CollectCommandTests : IDisposable
{
    private readonly TempFolder dir = new();

    public CollectCommandTests()
    {
        Environment.SetEnvironmentVariable("NeuronViewer__DataFolder", dir.File("data"));
        using var model = RandomGpt2.Create(new Gpt2Config(50257, 64, 32, 2, 2, 48, 1e-5), 4);
        CheckpointWriter.Save(model, dir.File("model"), asFloat16: false);
        File.WriteAllText(dir.File("corpus.txt"), string.Join("\n<|endoftext|>\n", Enumerable.Range(0, 6).Select(i =>
            string.Concat(Enumerable.Range(0, 60).Select(j => $"Sentence {j} of document {i} says something about the weather. ")))));
    }

    public void Dispose() => dir.Dispose();

    [Fact]
    public async Task Collect_writes_one_openai_record_per_neuron_and_reports_what_it_did()
    {
        var (exit, output, error) = await Cli.Run("collect", "--model", dir.File("model"), "--corpus", dir.File("corpus.txt"),
            "--layers", "0-1", "--max-excerpts", "40", "--out", dir.File("out"), "--seed", "9");
        Assert.True(exit == 0, error);
        Assert.Contains("96 neurons from 40 excerpts", output);
        Assert.Equal(48, Directory.GetFiles(dir.File("out/1"), "*.json").Length);
        using var doc = JsonDocument.Parse(File.ReadAllBytes(dir.File("out/0/47.json")));
        Assert.Equal("NeuronRecord", doc.RootElement.GetProperty("dataclass_name").GetString());
        Assert.Equal(40, doc.RootElement.GetProperty("random_sample").GetArrayLength());
        Assert.Empty(Directory.GetFiles(dir.File("data/checkpoints")));
    }

    [Fact]
    public async Task Bad_input_gets_a_one_line_error_and_writes_nothing()
    {
        File.WriteAllText(dir.File("empty.txt"), "");
        File.WriteAllBytes(dir.File("bad.txt"), [0x41, 0xFF, 0x42]);
        var cases = new[]
        {
            (new[] { "--corpus", dir.File("empty.txt") }, "is empty"),
            (new[] { "--corpus", dir.File("bad.txt") }, "not valid UTF-8"),
            (new[] { "--corpus", dir.File("corpus.txt"), "--layers", "0-5" }, "layer 2 is out of range"),
            (new[] { "--corpus", dir.File("nowhere.txt") }, "does not exist"),
        };
        foreach (var (args, message) in cases)
        {
            var (exit, _, error) = await Cli.Run(["collect", "--model", dir.File("model"), "--out", dir.File("out"), .. args]);
            Assert.NotEqual(0, exit);
            Assert.Contains(message, error);
            Assert.Single(error.Trim().Split('\n'));
            Assert.False(Directory.Exists(dir.File("out")));
        }
        var (code, _, err) = await Cli.Run("collect", "--model", dir.Path, "--corpus", dir.File("corpus.txt"));
        Assert.NotEqual(0, code);
        Assert.Contains("config.json is missing", err);
    }

    [Theory]
    [InlineData(null, 6, new[] { 0, 1, 2, 3, 4, 5 })]
    [InlineData("1-3", 6, new[] { 1, 2, 3 })]
    [InlineData("4,0,4", 6, new[] { 0, 4 })]
    public void Layer_lists_and_ranges_are_parsed(string? text, int count, int[] expected) =>
        Assert.Equal(expected, CollectCommand.ParseLayers(text, count));

    [Theory]
    [InlineData("3-1")]
    [InlineData("a")]
    [InlineData("6")]
    public void Bad_layer_lists_are_rejected(string text) =>
        Assert.Throws<UsageException>(() => CollectCommand.ParseLayers(text, 6));
}
