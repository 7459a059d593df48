using System.Text;
using NeuronViewer.Explainers.Tests.Fake;
using NeuronViewer.Storage.Jobs;

namespace NeuronViewer.Cli.Tests.Faults;

/// <summary>The provider key, set in the environment, is sent to the provider and found nowhere else: database files, job log, output, JSONL export.</summary>
public sealed class SecretLeakTests : IDisposable
{
    private static readonly string Key = "sk-nvleak-" + Guid.NewGuid().ToString("N") + "Zq9";
    private static readonly string Variable = "NV_FAULTS_KEY_" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
    private readonly DataFolderFixture data = new();
    private readonly ProviderEnvironment environment = new(
        (Variable, Key), ("NeuronViewer__Provider__ApiKeyVariable", Variable), ("NeuronViewer__Provider__MaxRetries", "0"),
        ("NeuronViewer__Provider__MaxConcurrency", "1"));

    public void Dispose()
    {
        environment.Dispose();
        data.Dispose();
    }

    [Fact]
    public async Task An_explain_job_through_the_provider_leaves_the_key_in_no_file_log_output_or_export()
    {
        await using var server = await FakeOpenAiServer.StartAsync();
        // A careless provider that echoes the key in its error (the first neuron's two calls): the raw response is kept, the key is not.
        var echo = FakeReply.Error(401, $"Incorrect API key provided: {Key}. You can find your API key at https://example.invalid.", "invalid_request_error", "invalid_api_key");
        server.Script("chat/completions", echo, echo);
        server.Chat = body => body["n"]!.GetValue<int>() == 5
            ? FakeReply.Chat(300, 40, " capital letters.", " names of people.", " words after 'the'.", " commas.", " numbers.")
            : FakeReply.Chat(320, 30, " titles.\n2. names\n3. places.");

        var run = await Cli.Run("run", "--layers", "0", "--max-excerpts", "40", "--explainer", "openai", "--simulator", "offline",
            "--examples-per-split", "5", "--endpoint", server.BaseUrl.AbsoluteUri, "--model", "fake-explainer");
        var exportFile = data.Dir.File("export.jsonl");
        var export = await Cli.Run("export", "--out", exportFile);

        Assert.True(run.Exit == 1, run.Err); // the neuron whose calls were refused failed; the others were explained
        Assert.True(export.Exit == 0, export.Err);
        Assert.All(server.Requests, r => Assert.Equal($"Bearer {Key}", r.Authorization)); // the key was really used
        var failed = Assert.Single(data.Read(s => s.Jobs.Items(1, JobItemState.Failed, take: 2000)), i => i.Key.StartsWith("explain", StringComparison.Ordinal));
        Assert.Contains("Incorrect API key provided: [API key]", failed.Error, StringComparison.Ordinal);
        Assert.True(data.Read(s => s.Explanations.Count()) > 0);

        var jobs = data.Read(s => string.Join("\n", s.Jobs.List().Select(j => j.Parameters + j.Error)
            .Concat(s.Jobs.LogOf(1).Select(e => e.Message)).Concat(s.Jobs.Items(1, take: 2000).Select(i => i.Error))));
        var places = new Dictionary<string, string>
        {
            ["job parameters, items and log"] = jobs,
            ["output of run"] = run.Out + run.Err,
            ["output of export"] = export.Out + export.Err,
            ["JSONL export"] = File.ReadAllText(exportFile),
        };
        foreach (var file in Directory.GetFiles(data.Data, "*", SearchOption.AllDirectories))
            places[Path.GetFileName(file)] = Encoding.UTF8.GetString(File.ReadAllBytes(file)) + Encoding.Unicode.GetString(File.ReadAllBytes(file));
        Assert.Contains(places.Keys, k => k.EndsWith(".db", StringComparison.Ordinal));
        Assert.Contains("provenance", places["JSONL export"], StringComparison.OrdinalIgnoreCase);
        foreach (var (place, text) in places)
            foreach (var part in new[] { Key, Key[10..30], Key[^12..] })
                Assert.False(text.Contains(part, StringComparison.Ordinal), $"{place} holds (part of) the API key");
    }
}
