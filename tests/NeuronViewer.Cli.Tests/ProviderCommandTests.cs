using System.Text.Json;
using NeuronViewer.Core.Records;
using NeuronViewer.Explainers.Tests.Fake;

namespace NeuronViewer.Cli.Tests;

/// <summary>explain and score against the fake OpenAI-compatible server, chosen with --endpoint and --model.</summary>
public sealed class ProviderCommandTests : IAsyncLifetime
{
    private readonly DataFolderFixture data = new();
    private FakeOpenAiServer server = null!;
    private NeuronId neuron;

    public async Task InitializeAsync()
    {
        server = await FakeOpenAiServer.StartAsync();
        var (exit, _, error) = await Cli.Run("collect", "--layers", "1", "--max-excerpts", "40");
        Assert.True(exit == 0, error);
        neuron = data.Read(s => s.Records.List(1).First(n => s.Records.Get(n)!.Record.MaxActivation > 0.5));
    }

    public async Task DisposeAsync()
    {
        await server.DisposeAsync();
        data.Dispose();
    }

    private string[] Explain(params string[] more) =>
        ["explain", "--layer", "1", "--neuron", $"{neuron.NeuronIndex}", "--explainer", "openai", "--endpoint", server.BaseUrl.AbsoluteUri, "--model", "fake-explainer", .. more];

    [Fact]
    public async Task Explain_through_the_endpoint_stores_the_candidates_with_the_model_and_usage()
    {
        server.Chat = body => body["n"]!.GetValue<int>() == 3
            ? FakeReply.Chat(300, 40, " capital letters.", " names of people.", " capital letters.")
            : FakeReply.Chat(320, 30, " titles.\n2. the main thing this neuron does is find words after 'Mr'\n3. names.");
        var (exit, output, error) = await Cli.Run(Explain("--candidates", "3"));
        Assert.True(exit == 0, error);
        Assert.All(server.Requests, r => Assert.Equal("fake-explainer", r.Json["model"]!.GetValue<string>()));
        using var json = JsonDocument.Parse(output);
        Assert.Equal(3, json.RootElement.GetProperty("explanations").GetArrayLength());
        Assert.Equal(server.Requests.Count, json.RootElement.GetProperty("usage").GetProperty("requests").GetInt32());
        var stored = data.Read(s => s.Explanations.ForNeuron(neuron));
        Assert.Equal(3, stored.Count);
        Assert.Equal(server.Requests.Count * 300 + 20 * Math.Max(0, server.Requests.Count - 1), stored.Sum(e => e.Usage.PromptTokens));
        Assert.All(stored, e => Assert.Equal("fake-explainer", e.Backend!.Model));
    }

    [Fact]
    public async Task An_explainer_failure_is_one_line_with_the_raw_response_and_stores_nothing()
    {
        server.Chat = _ => FakeReply.Error(403, "Project does not have access to model fake-explainer");
        var (exit, _, error) = await Cli.Run(Explain());
        Assert.Equal(1, exit);
        Assert.StartsWith("error: the explainer failed: ", error, StringComparison.Ordinal);
        Assert.Contains("raw response:", error, StringComparison.Ordinal);
        Assert.Contains("does not have access to model fake-explainer", error, StringComparison.Ordinal);
        Assert.Single(error.Trim().Split('\n'));
        Assert.Equal(0, data.Read(s => s.Explanations.Count()));
    }

    [Fact]
    public async Task A_simulator_that_never_answers_usably_is_reported_as_failed_sequences_and_nothing_is_stored()
    {
        await Cli.Run("explain", "--layer", "1", "--neuron", $"{neuron.NeuronIndex}", "--explainer", "offline", "--candidates", "1");
        server.Chat = _ => FakeReply.Chat(50, 5, "I cannot help with that.");
        var (exit, output, error) = await Cli.Run("score", "--layer", "1", "--neuron", $"{neuron.NeuronIndex}", "--simulator", "chat",
            "--endpoint", server.BaseUrl.AbsoluteUri, "--model", "fake-simulator", "--examples-per-split", "5");
        Assert.Equal(1, exit);
        using var json = JsonDocument.Parse(output);
        Assert.Equal(JsonValueKind.Null, json.RootElement.GetProperty("ev_correlation_score").ValueKind);
        Assert.Equal(20, json.RootElement.GetProperty("failed_sequences").GetInt32()); // 10 valid + 10 calibration excerpts
        Assert.Contains("every simulation failed (20 sequences)", error, StringComparison.Ordinal);
        Assert.Contains("I cannot help with that.", error, StringComparison.Ordinal);
        Assert.All(server.Requests, r => Assert.Equal("fake-simulator", r.Json["model"]!.GetValue<string>()));
        Assert.Equal(0, data.Read(s => s.Scores.Count()));
    }
}
