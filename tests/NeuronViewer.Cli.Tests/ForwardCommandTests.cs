using System.Text.Json;

namespace NeuronViewer.Cli.Tests;

/// <summary><c>forward --json</c> against the independent GPT-2 reference, and its one-line errors.</summary>
public class ForwardCommandTests
{
    private static JsonElement Expected(int sequence)
    {
        using var doc = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(Cli.FixtureFolder, "expected.json")));
        return doc.RootElement.GetProperty("sequences")[sequence].Clone();
    }

    private static void AssertClose(JsonElement expected, JsonElement actual, string what)
    {
        var e = expected.EnumerateArray().ToList();
        var a = actual.EnumerateArray().ToList();
        Assert.Equal(e.Count, a.Count);
        for (int i = 0; i < e.Count; i++)
        {
            if (e[i].ValueKind == JsonValueKind.Array) { AssertClose(e[i], a[i], $"{what}[{i}]"); continue; }
            double x = e[i].GetDouble(), y = a[i].GetDouble();
            Assert.True(Math.Abs(x - y) <= 1e-4 + 1e-4 * Math.Abs(x), $"{what}[{i}]: expected {x}, got {y}");
        }
    }

    [Fact]
    public async Task Json_output_matches_the_reference_logits_and_neurons()
    {
        var seq = Expected(1);
        var ids = string.Join(",", seq.GetProperty("input_ids").EnumerateArray().Select(x => x.GetInt32()));
        var (exit, output, error) = await Cli.Run("forward", "--model", Cli.FixtureFolder, "--token-ids", ids, "--json");
        Assert.True(exit == 0, error);
        using var doc = JsonDocument.Parse(output);
        var root = doc.RootElement;
        Assert.Equal(7, root.GetProperty("tokens").GetArrayLength());
        AssertClose(seq.GetProperty("logits"), root.GetProperty("logits"), "logits");
        AssertClose(seq.GetProperty("mlp_post_gelu"), root.GetProperty("mlp_activations"), "mlp_activations");
    }

    [Theory]
    [InlineData("--token-ids", "5,1000", "1000")]
    [InlineData("--token-ids", "5,x", "'x' is not an integer")]
    public async Task Bad_token_ids_give_a_one_line_error(string option, string value, string expected)
    {
        var (exit, output, error) = await Cli.Run("forward", "--model", Cli.FixtureFolder, option, value, "--json");
        Assert.NotEqual(0, exit);
        Assert.Equal("", output);
        Assert.Contains(expected, error);
        Assert.Single(error.Trim().Split('\n'));
    }

    [Fact]
    public async Task Both_or_neither_input_option_is_a_usage_error()
    {
        var (exit, _, error) = await Cli.Run("forward", "--model", Cli.FixtureFolder, "--token-ids", "1", "--text", "a");
        Assert.NotEqual(0, exit);
        Assert.Contains("exactly one of --token-ids or --text", error);
    }

    [Fact]
    public async Task A_folder_that_is_not_a_checkpoint_and_a_truncated_file_are_named()
    {
        using var dir = new TempFolder();
        var (exit, _, error) = await Cli.Run("forward", "--model", dir.Path, "--token-ids", "1");
        Assert.NotEqual(0, exit);
        Assert.Contains("config.json is missing", error);
        File.Copy(Path.Combine(Cli.FixtureFolder, "config.json"), dir.File("config.json"));
        var bytes = File.ReadAllBytes(Path.Combine(Cli.FixtureFolder, "model.safetensors"));
        File.WriteAllBytes(dir.File("model.safetensors"), bytes[..(bytes.Length / 2)]);
        (exit, _, error) = await Cli.Run("forward", "--model", dir.Path, "--token-ids", "1");
        Assert.NotEqual(0, exit);
        Assert.Contains("truncated", error);
        Assert.Single(error.Trim().Split('\n'));
    }
}
