using System.Text.Json.Nodes;
using NeuronViewer.Core.Abstractions;
using NeuronViewer.Core.Prompts;
using NeuronViewer.Core.Records;
using NeuronViewer.Explainers.Http;

namespace NeuronViewer.Explainers.Simulating;

/// <summary>Settings shared by the chat simulators.</summary>
public sealed record ChatSimulatorOptions
{
    /// <summary>Few-shot examples shown before the target (our own set by default).</summary>
    public FewShotExampleSet FewShot { get; init; } = AuthoredFewShotSets.Activations;

    /// <summary>Top log-probs requested at every generated position (OpenAI allows up to 20).</summary>
    public int TopLogprobs { get; init; } = 20;

    /// <summary>Further attempts, with a corrective message, when a reply cannot be parsed or aligned.</summary>
    public int RepairAttempts { get; init; } = 2;
}

/// <summary>
/// Simulates one excerpt per chat request: the model copies every token with its activation, as lines read through
/// top log-probs (<see cref="Lines"/>) or as JSON under a schema (<see cref="Json"/>). A reply that cannot be aligned to
/// the excerpt after the repair attempts is a failed outcome with the raw replies, never zeros.
/// </summary>
public sealed class ChatSimulator : ISimulator
{
    private readonly OpenAiConnection _connection;
    private readonly ChatSimulatorOptions _options;
    private readonly bool _json;

    private ChatSimulator(OpenAiConnection connection, string model, ChatSimulatorOptions? options, bool json)
    {
        _connection = connection;
        _options = options ?? new ChatSimulatorOptions();
        _json = json;
        Model = model;
        Info = new BackendInfo(json ? "json" : "chat", model, (json ? ChatSimulatorPrompts.JsonVersion : ChatSimulatorPrompts.LinesVersion) + "+" + _options.FewShot.Name, false);
    }

    public string Model { get; }

    public BackendInfo Info { get; }

    /// <summary>Line format with top log-probs at each value position: one request per excerpt.</summary>
    public static ChatSimulator Lines(OpenAiConnection connection, string model, ChatSimulatorOptions? options = null) => new(connection, model, options, json: false);

    /// <summary>Logprob-free JSON format under a JSON schema, validated and aligned.</summary>
    public static ChatSimulator Json(OpenAiConnection connection, string model, ChatSimulatorOptions? options = null) => new(connection, model, options, json: true);

    public async Task<SimulationOutcome> SimulateAsync(string explanation, IReadOnlyList<string> tokens, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        var prompt = _json ? ChatSimulatorPrompts.Json(explanation, tokens, _options.FewShot) : ChatSimulatorPrompts.Lines(explanation, tokens, _options.FewShot);
        var messages = prompt.Messages.ToList();
        var usage = Usage.None;
        var replies = new List<string>();
        for (var attempt = 0; ; attempt++)
        {
            JsonObject response;
            try
            {
                (response, _, var u) = await _connection.PostJsonAsync(ChatRequest.Path, Body(messages, tokens.Count), cancellationToken).ConfigureAwait(false);
                usage += u;
            }
            catch (LlmCallException ex)
            {
                return SimulationOutcome.Failure(ex.Message, Joined(replies, ex.RawBody), usage + ex.Usage);
            }
            var choice = ChatRequest.Choices(response)?[0];
            var content = ChatRequest.Content(choice);
            if (content is null)
                return SimulationOutcome.Failure("the response has no choices or no message content", Joined(replies, response.ToJsonString()), usage);
            replies.Add(content);
            var simulation = Parse(content, choice, tokens, out var failure);
            if (simulation is not null)
                return SimulationOutcome.Success(simulation, usage, content);
            if (ChatRequest.FinishReason(choice) == "length")
                failure += " (the reply was cut off at the token limit)";
            if (attempt >= _options.RepairAttempts)
                return SimulationOutcome.Failure($"unusable reply after {attempt + 1} attempts: {failure}", Joined(replies, null), usage);
            messages.Add(new PromptMessage(PromptRole.Assistant, content));
            messages.Add(new PromptMessage(PromptRole.User,
                $"That answer could not be used: {failure}. Answer again with exactly {tokens.Count} entries, one per token in the given order, each token copied exactly."));
        }
    }

    /// <summary>The request body for one excerpt (for the Batch API).</summary>
    public JsonObject BuildRequest(string explanation, IReadOnlyList<string> tokens)
    {
        var prompt = _json ? ChatSimulatorPrompts.Json(explanation, tokens, _options.FewShot) : ChatSimulatorPrompts.Lines(explanation, tokens, _options.FewShot);
        return Body([.. prompt.Messages], tokens.Count);
    }

    /// <summary>Reads a chat-completions response for one excerpt (no repair attempt): a simulation or a failure with the raw text.</summary>
    public SimulationOutcome ReadResponse(JsonObject response, IReadOnlyList<string> tokens, Usage usage)
    {
        ArgumentNullException.ThrowIfNull(response);
        var choice = ChatRequest.Choices(response)?[0];
        var content = ChatRequest.Content(choice);
        if (content is null)
            return SimulationOutcome.Failure("the response has no choices or no message content", response.ToJsonString(), usage);
        var simulation = Parse(content, choice, tokens, out var failure);
        return simulation is null ? SimulationOutcome.Failure(failure!, content, usage) : SimulationOutcome.Success(simulation, usage, content);
    }

    private JsonObject Body(List<PromptMessage> messages, int tokenCount)
    {
        var body = ChatRequest.Body(_connection.Options, Model, messages, 64 + 12 * tokenCount);
        body["temperature"] = 0;
        if (_json)
            body["response_format"] = new JsonObject
            {
                ["type"] = "json_schema",
                ["json_schema"] = new JsonObject { ["name"] = "activations", ["strict"] = true, ["schema"] = ChatSimulatorPrompts.JsonSchema() },
            };
        else
        {
            body["logprobs"] = true;
            body["top_logprobs"] = _options.TopLogprobs;
        }
        return body;
    }

    private SequenceSimulation? Parse(string content, JsonNode? choice, IReadOnlyList<string> tokens, out string? failure)
    {
        if (_json)
        {
            var entries = JsonReplyReader.Read(content, out failure);
            return entries is null ? null : SimulationBuilder.FromReply(tokens, entries.Value.Tokens, entries.Value.Predictions, out failure);
        }
        var lines = LogprobLineReader.Read(content, choice?["logprobs"]?["content"] as JsonArray, out failure);
        return lines is null ? null : SimulationBuilder.FromReply(tokens, lines.Value.Tokens, lines.Value.Predictions, out failure);
    }

    private static string Joined(List<string> replies, string? last) =>
        string.Join("\n---\n", last is null ? replies : [.. replies, last]);
}
