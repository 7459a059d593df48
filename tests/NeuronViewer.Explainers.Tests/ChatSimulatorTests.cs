using NeuronViewer.Core.Prompts;
using NeuronViewer.Explainers.Simulating;
using NeuronViewer.Explainers.Tests.Fake;
using NeuronViewer.Explainers.Tests.Support;
using static NeuronViewer.Explainers.Tests.Support.Lines;

namespace NeuronViewer.Explainers.Tests;

/// <summary>The chat simulators: log-probs at value positions, alignment repair, JSON schema validation, failures with raw text.</summary>
public sealed class ChatSimulatorTests : IAsyncLifetime
{
    private FakeOpenAiServer _server = null!;

    public async Task InitializeAsync() => _server = await FakeOpenAiServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private ChatSimulator LinesSimulator(int repairs = 2) =>
        ChatSimulator.Lines(Connections.For(_server), "sim", new ChatSimulatorOptions { RepairAttempts = repairs, FewShot = TestFewShotSets.Activations });

    [Fact]
    public async Task One_request_reads_the_distribution_at_every_value_position()
    {
        _server.Script("chat/completions", Reply(
            Line(" The", Value("0", ("0", 0.6), ("1", 0.1), ("10", 0.2), (" the", 0.1)))
            .Concat(Line(" cat", Value("7", ("7", 0.5), ("8", 0.5))))));
        var outcome = await LinesSimulator().SimulateAsync("cats", [" The", " cat"]);
        Assert.True(outcome.Succeeded, outcome.FailureReason);
        var sim = outcome.Simulation!;
        Assert.Equal(2.3333, sim.ExpectedActivations[0], 4);
        Assert.Equal([0.0, 1.0, 10.0], sim.DistributionValues[0]);
        Assert.Equal(7.5, sim.ExpectedActivations[1], 6);
        Assert.Equal(1, _server.Count("chat/completions"));
        var body = _server.Requests.Single().Json;
        Assert.True(body["logprobs"]!.GetValue<bool>());
        Assert.Equal(20, body["top_logprobs"]!.GetValue<int>());
        Assert.Equal(0, body["temperature"]!.GetValue<int>());
        Assert.Equal([" The", " cat"], TargetTokens(body));
    }

    [Fact]
    public async Task Ten_written_as_two_digit_tokens_is_recovered()
    {
        _server.Script("chat/completions", Reply(Line("a", Value("1", ("1", 0.8), ("0", 0.2)), Value("0", ("0", 0.75), ("\n", 0.25)))));
        var outcome = await LinesSimulator().SimulateAsync("x", ["a"]);
        Assert.True(outcome.Succeeded, outcome.FailureReason);
        // P(10) = 0.8 × 0.75 = 0.6, P(1) = 0.2, P(0) = 0.2 → EV 6.2.
        Assert.Equal(6.2, outcome.Simulation!.ExpectedActivations[0], 6);
    }

    [Fact]
    public async Task Merged_respaced_and_dropped_whitespace_tokens_are_repaired()
    {
        _server.Script("chat/completions", Reply(
            Line("New York", Value("7")).Concat(Line("is", Value("0"))).Concat(Line(" big", Value("3")))));
        var outcome = await LinesSimulator().SimulateAsync("places", [" New", " York", "\n", " is", " big"]);
        Assert.True(outcome.Succeeded, outcome.FailureReason);
        Assert.Equal([7.0, 7.0, 0.0, 0.0, 3.0], outcome.Simulation!.ExpectedActivations);
        Assert.Empty(outcome.Simulation.DistributionValues[2]);
    }

    [Fact]
    public async Task A_reply_that_changes_the_words_fails_after_bounded_repairs_with_all_raw_replies()
    {
        _server.Chat = _ => Reply(Line(" dog", Value("5")));
        var outcome = await LinesSimulator(repairs: 2).SimulateAsync("pets", [" cat"]);
        Assert.False(outcome.Succeeded);
        Assert.Contains("after 3 attempts", outcome.FailureReason, StringComparison.Ordinal);
        Assert.Contains(" dog\t5", outcome.RawResponse, StringComparison.Ordinal);
        Assert.Equal(3, _server.Count("chat/completions"));
        var last = _server.Requests.Last().Json["messages"]!.AsArray();
        Assert.Contains("could not be used", last[^1]!["content"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(3, outcome.Usage.Requests);
    }

    [Fact]
    public async Task A_wrong_token_count_is_repaired_by_asking_again()
    {
        _server.Script("chat/completions", Reply(Line(" a", Value("1"))), Reply(Line(" a", Value("1")).Concat(Line(" b", Value("9")))));
        var outcome = await LinesSimulator().SimulateAsync("b", [" a", " b"]);
        Assert.True(outcome.Succeeded, outcome.FailureReason);
        Assert.Equal([1.0, 9.0], outcome.Simulation!.ExpectedActivations);
    }

    [Fact]
    public async Task Empty_choices_and_http_errors_are_failures_with_raw_text_never_zeros()
    {
        _server.Script("chat/completions", FakeReply.Json(new System.Text.Json.Nodes.JsonObject { ["choices"] = new System.Text.Json.Nodes.JsonArray(), ["usage"] = FakeReply.Usage(5, 0) }));
        var empty = await LinesSimulator().SimulateAsync("x", ["a"]);
        Assert.False(empty.Succeeded);
        Assert.Null(empty.Simulation);
        Assert.Contains("\"choices\":[]", empty.RawResponse, StringComparison.Ordinal);

        _server.Script("chat/completions", FakeReply.Error(401, "Incorrect API key provided"));
        var denied = await LinesSimulator().SimulateAsync("x", ["a"]);
        Assert.Contains("Incorrect API key", denied.FailureReason, StringComparison.Ordinal);
        Assert.Contains("invalid_request_error", denied.RawResponse, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Json_mode_sends_a_schema_and_validates_the_reply()
    {
        var sim = ChatSimulator.Json(Connections.For(_server), "sim", new ChatSimulatorOptions { FewShot = TestFewShotSets.Activations });
        _server.Script("chat/completions",
            FakeReply.Chat(50, 20, "{\"activations\":[{\"token\":\"a\",\"activation\":11}]}"),
            FakeReply.Chat(60, 20, "```json\n{\"activations\":[{\"token\":\"a\",\"activation\":4},{\"token\":\"\\n\",\"activation\":0}]}\n```"));
        var outcome = await sim.SimulateAsync("x", ["a", "\n"]);
        Assert.True(outcome.Succeeded, outcome.FailureReason);
        Assert.Equal([4.0, 0.0], outcome.Simulation!.ExpectedActivations);
        Assert.Equal(new Core.Abstractions.Usage(2, 110, 40), outcome.Usage);
        var first = _server.Requests.First().Json;
        Assert.Equal("json_schema", first["response_format"]!["type"]!.GetValue<string>());
        var retry = _server.Requests.Last().Json["messages"]!.AsArray()[^1]!["content"]!.GetValue<string>();
        Assert.Contains("not an integer from 0 to 10", retry, StringComparison.Ordinal);
    }
}
