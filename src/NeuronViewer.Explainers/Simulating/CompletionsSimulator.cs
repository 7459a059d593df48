using System.Text.Json.Nodes;
using NeuronViewer.Core.Abstractions;
using NeuronViewer.Core.Prompts;
using NeuronViewer.Core.Simulation;
using NeuronViewer.Explainers.Http;

namespace NeuronViewer.Explainers.Simulating;

/// <summary>
/// The paper's all-at-once simulator (spec §7.2) over the legacy <c>/v1/completions</c> endpoint with echo and
/// log-probs, for servers that still support it (e.g. vLLM). The SDK has no client for it, so the request goes as raw
/// JSON through the SDK's pipeline.
/// </summary>
public sealed class CompletionsSimulator : ISimulator
{
    public const string PromptFormatVersion = "all-at-once-v1";
    private readonly OpenAiConnection _connection;
    private readonly FewShotExampleSet _fewShot;
    private readonly PromptFormat _format;

    public CompletionsSimulator(OpenAiConnection connection, string model, FewShotExampleSet? fewShot = null, PromptFormat format = PromptFormat.InstructionFollowing)
    {
        _connection = connection ?? throw new ArgumentNullException(nameof(connection));
        _fewShot = fewShot ?? AuthoredFewShotSets.Activations;
        _format = format == PromptFormat.HarmonyV4 ? throw new ArgumentException("The echo trick needs a completion prompt, not chat messages (D6).", nameof(format)) : format;
        Model = model;
        Info = new BackendInfo("completions", model, $"{PromptFormatVersion}+{_fewShot.Name}+{format}", false);
    }

    public string Model { get; }

    public BackendInfo Info { get; }

    public async Task<SimulationOutcome> SimulateAsync(string explanation, IReadOnlyList<string> tokens, CancellationToken cancellationToken = default)
    {
        var prompt = SimulatorPrompts.AllAtOnce(explanation, tokens, _fewShot, _format);
        var body = new JsonObject { ["model"] = Model, ["prompt"] = prompt.Text, ["max_tokens"] = 0, ["echo"] = true, ["logprobs"] = 15 };
        JsonObject response;
        string raw;
        Usage usage;
        try
        {
            (response, raw, usage) = await _connection.PostJsonAsync("completions", body, cancellationToken).ConfigureAwait(false);
        }
        catch (LlmCallException ex)
        {
            return SimulationOutcome.Failure(ex.Message, ex.RawBody, ex.Usage);
        }
        var choice = ChatRequest.Choices(response)?[0];
        if (choice?["text"] is not JsonValue textValue || !textValue.TryGetValue<string>(out var text) || choice["logprobs"] is not JsonObject logprobs)
            return SimulationOutcome.Failure("the response has no choice with text and logprobs (does the server support echo with logprobs?)", raw, usage);
        try
        {
            var t = (logprobs["tokens"] as JsonArray ?? []).Select(n => n!.GetValue<string>()).ToList();
            var top = (logprobs["top_logprobs"] as JsonArray ?? []).Select(n => n as JsonObject).ToList();
            var offsets = (logprobs["text_offset"] as JsonArray ?? []).Select(n => n!.GetValue<int>()).ToList();
            var predictions = EchoLogprobParser.Parse(text, t, top, offsets, tokens, out var failure);
            return predictions is null
                ? SimulationOutcome.Failure(failure!, raw, usage)
                : SimulationOutcome.Success(ExpectedValues.ToSequenceSimulation(tokens, predictions), usage);
        }
        catch (Exception ex) when (ex is InvalidOperationException or FormatException or NullReferenceException)
        {
            return SimulationOutcome.Failure($"the logprobs object is malformed: {ex.Message}", raw, usage);
        }
    }
}
