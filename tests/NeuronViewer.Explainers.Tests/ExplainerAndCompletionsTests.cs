using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using NeuronViewer.Core.Abstractions;
using NeuronViewer.Core.Prompts;
using NeuronViewer.Core.Records;
using NeuronViewer.Explainers.Explaining;
using NeuronViewer.Explainers.Simulating;
using NeuronViewer.Explainers.Tests.Fake;
using NeuronViewer.Explainers.Tests.Support;

namespace NeuronViewer.Explainers.Tests;

/// <summary>The chat explainer's requests and candidates, and the all-at-once completions simulator's echo parsing.</summary>
public sealed partial class ExplainerAndCompletionsTests : IAsyncLifetime
{
    private FakeOpenAiServer _server = null!;

    public async Task InitializeAsync() => _server = await FakeOpenAiServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private static readonly ExplainRequest Request = new(new NeuronId(0, 1), [new ActivationRecord([" a", " e", " x"], [3, 2, 0])], 5, Seed: 7);

    [Fact]
    public async Task Five_sampled_and_numbered_candidates_are_normalised_and_deduplicated()
    {
        _server.Chat = body => body["n"]!.GetValue<int>() == 5
            ? FakeReply.Chat(400, 50, " vowels.", " Vowels", " vowels and  letters.", " vowels.", " the letter e.")
            : FakeReply.Chat(450, 40, " letters a and e.\n2. the main thing this neuron does is find vowels\n3. open syllables.");
        var explainer = new OpenAiExplainer(Connections.For(_server), "gpt-test", new ExplainerOptions { FewShot = TestFewShotSets.Activations });
        var result = await explainer.ExplainAsync(Request);
        Assert.False(result.Failed, result.FailureReason);
        Assert.Equal(["vowels", "vowels and letters", "the letter e", "letters a and e", "open syllables"], result.Explanations);
        Assert.Equal(new Usage(2, 850, 90), result.Usage);

        var sampled = _server.Requests.Select(r => r.Json).Single(b => b["n"]!.GetValue<int>() == 5);
        Assert.Equal(1.0, sampled["temperature"]!.GetValue<double>());
        Assert.Equal(1.0, sampled["top_p"]!.GetValue<double>());
        Assert.Equal(60, sampled["max_completion_tokens"]!.GetValue<int>());
        Assert.Equal(7, sampled["seed"]!.GetValue<int>());
        var numbered = _server.Requests.Select(r => r.Json).Single(b => b["n"]!.GetValue<int>() == 1);
        var user = numbered["messages"]!.AsArray()[^1]!["content"]!.GetValue<string>();
        Assert.StartsWith("\n\nNeuron 2\nActivations:\n<start>\n a\t10\n e\t6\n x\t0\n<end>\n", user, StringComparison.Ordinal);
        Assert.EndsWith("Here are 5 possible explanations for neuron 2 behavior, each beginning with \"the main thing this neuron does is find\":\n1. the main thing this neuron does is find", user, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_explainer_error_is_a_failed_result_with_the_raw_body()
    {
        _server.Chat = _ => FakeReply.Error(403, "Project does not have access to model");
        var result = await new OpenAiExplainer(Connections.For(_server), "gpt-test").ExplainAsync(Request);
        Assert.True(result.Failed);
        Assert.Empty(result.Explanations);
        Assert.Contains("does not have access", result.RawResponse, StringComparison.Ordinal);
        Assert.Equal(2, _server.Count("chat/completions"));
    }

    /// <summary>Echo reply for the all-at-once prompt: a crude tokenizer, text offsets, and top log-probs at every "unknown".</summary>
    private static FakeReply Echo(JsonObject body, Func<int, JsonObject> topAtUnknown, Func<string, IEnumerable<string>>? split = null)
    {
        var text = body["prompt"]!.GetValue<string>();
        var tokens = EchoPieces().Matches(text).SelectMany(m => split?.Invoke(m.Value) ?? [m.Value]).ToList();
        var offsets = new JsonArray();
        var top = new JsonArray();
        int offset = 0, unknown = 0, start = text.LastIndexOf("<start>", StringComparison.Ordinal);
        foreach (var t in tokens)
        {
            offsets.Add(offset);
            top.Add(t == "unknown" && offset > start ? topAtUnknown(unknown++) : offsets.Count == 1 ? null : new JsonObject { [t] = 0.0 });
            offset += t.StartsWith("bytes:", StringComparison.Ordinal) ? 0 : t.Length;
        }
        return FakeReply.Json(new JsonObject
        {
            ["object"] = "text_completion",
            ["choices"] = new JsonArray(new JsonObject
            {
                ["text"] = text, ["index"] = 0, ["finish_reason"] = "length",
                ["logprobs"] = new JsonObject { ["tokens"] = new JsonArray([.. tokens.Select(t => (JsonNode)t)]), ["top_logprobs"] = top, ["text_offset"] = offsets },
            }),
            ["usage"] = FakeReply.Usage(tokens.Count, 0),
        });
    }

    [GeneratedRegex("\n|\t+|<|>|[^\t\n<>]+")]
    private static partial Regex EchoPieces();

    [Fact]
    public async Task All_at_once_reads_each_unknown_and_sends_echo_with_logprobs()
    {
        _server.Completions = body => Echo(body, i => i == 0
            ? new JsonObject { ["0"] = Math.Log(0.6), ["1"] = Math.Log(0.1), ["10"] = Math.Log(0.2), [" the"] = -3.0 }
            : new JsonObject { ["4"] = 0.0 });
        var sim = new CompletionsSimulator(Connections.For(_server), "davinci-test", TestFewShotSets.Activations);
        var outcome = await sim.SimulateAsync(" vowels", ["x", " cat"]);
        Assert.True(outcome.Succeeded, outcome.FailureReason);
        Assert.Equal(2.3333, outcome.Simulation!.ExpectedActivations[0], 4);
        Assert.Equal(4.0, outcome.Simulation.ExpectedActivations[1]);
        var body = _server.Requests.Single().Json;
        Assert.Equal(0, body["max_tokens"]!.GetValue<int>());
        Assert.True(body["echo"]!.GetValue<bool>());
        Assert.Equal(15, body["logprobs"]!.GetValue<int>());
        Assert.EndsWith("\tunknown\n<end>\n", body["prompt"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task All_at_once_merges_split_and_byte_level_tokens()
    {
        _server.Completions = body => Echo(body, i => new JsonObject { [(i + 2).ToString(System.Globalization.CultureInfo.InvariantCulture)] = 0.0 },
            piece => piece switch
            {
                " café" => [" caf", "bytes:\\xc3", "bytes:\\xa9"],
                " unbelievable" => [" un", "believ", "able"],
                _ => [piece],
            });
        var outcome = await new CompletionsSimulator(Connections.For(_server), "m", TestFewShotSets.Activations).SimulateAsync("x", [" café", " unbelievable"]);
        Assert.True(outcome.Succeeded, outcome.FailureReason);
        Assert.Equal([2.0, 3.0], outcome.Simulation!.ExpectedActivations);
    }

    [Fact]
    public async Task All_at_once_with_a_tab_token_fails_with_the_raw_response_D5()
    {
        _server.Completions = body => Echo(body, _ => new JsonObject { ["1"] = 0.0 });
        var outcome = await new CompletionsSimulator(Connections.For(_server), "m", TestFewShotSets.Activations).SimulateAsync("x", ["a", "\t", "b"]);
        Assert.False(outcome.Succeeded);
        Assert.Contains("D5", outcome.FailureReason, StringComparison.Ordinal);
        Assert.Contains("\"text_offset\"", outcome.RawResponse, StringComparison.Ordinal);
    }
}
