using System.Text.Json.Nodes;
using NeuronViewer.Core.Prompts;
using NeuronViewer.Explainers.Configuration;

namespace NeuronViewer.Explainers.Http;

/// <summary>Builds chat-completions request bodies in OpenAI's wire format and reads their choices.</summary>
internal static class ChatRequest
{
    public const string Path = "chat/completions";

    public static JsonObject Body(ProviderOptions options, string model, IEnumerable<PromptMessage> messages, int maxTokens)
    {
        var body = new JsonObject
        {
            ["model"] = model,
            ["messages"] = new JsonArray([.. messages.Select(m => (JsonNode)new JsonObject
            {
                ["role"] = m.Role.ToString().ToLowerInvariant(),
                ["content"] = m.Content,
            })]),
        };
        body[options.UseLegacyMaxTokens ? "max_tokens" : "max_completion_tokens"] = maxTokens;
        return body;
    }

    /// <summary>The <c>choices</c> array, or null when it is missing or empty.</summary>
    public static JsonArray? Choices(JsonObject response) => response["choices"] is JsonArray { Count: > 0 } a ? a : null;

    public static string? Content(JsonNode? choice) => choice?["message"]?["content"] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    public static string? FinishReason(JsonNode? choice) => choice?["finish_reason"] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
}
