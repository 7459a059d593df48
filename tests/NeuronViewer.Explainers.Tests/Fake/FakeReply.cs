using System.Text.Json.Nodes;

namespace NeuronViewer.Explainers.Tests.Fake;

/// <summary>One scripted HTTP answer of the fake server: status, body, headers and an optional extra delay.</summary>
public sealed record FakeReply(int Status, string Body, IReadOnlyDictionary<string, string>? Headers = null, TimeSpan Delay = default)
{
    public static FakeReply Json(JsonNode body) => new(200, body.ToJsonString());

    /// <summary>An error in OpenAI's error JSON shape.</summary>
    public static FakeReply Error(int status, string message, string type = "invalid_request_error", string? code = null, IReadOnlyDictionary<string, string>? headers = null) =>
        new(status, new JsonObject { ["error"] = new JsonObject { ["message"] = message, ["type"] = type, ["param"] = null, ["code"] = code } }.ToJsonString(), headers);

    public static FakeReply RateLimited(string retryAfterSeconds) =>
        Error(429, "Rate limit reached for requests", "requests", "rate_limit_exceeded", new Dictionary<string, string> { ["Retry-After"] = retryAfterSeconds });

    /// <summary>A chat completion with one choice per content, usage included.</summary>
    public static FakeReply Chat(int promptTokens, int completionTokens, params string[] contents) => Json(new JsonObject
    {
        ["id"] = "chatcmpl-fake",
        ["object"] = "chat.completion",
        ["created"] = 1700000000,
        ["model"] = "fake-model",
        ["choices"] = new JsonArray([.. contents.Select((c, i) => (JsonNode)new JsonObject
        {
            ["index"] = i,
            ["message"] = new JsonObject { ["role"] = "assistant", ["content"] = c, ["refusal"] = null },
            ["logprobs"] = null,
            ["finish_reason"] = "stop",
        })]),
        ["usage"] = Usage(promptTokens, completionTokens),
    });

    /// <summary>A chat completion whose single choice carries per-token logprobs (tokens given, each with its top alternatives).</summary>
    public static FakeReply ChatWithLogprobs(int promptTokens, IReadOnlyList<(string Token, IReadOnlyList<(string Token, double Logprob)> Top)> tokens, string finishReason = "stop") => Json(new JsonObject
    {
        ["id"] = "chatcmpl-fake",
        ["object"] = "chat.completion",
        ["model"] = "fake-model",
        ["choices"] = new JsonArray(new JsonObject
        {
            ["index"] = 0,
            ["message"] = new JsonObject { ["role"] = "assistant", ["content"] = string.Concat(tokens.Select(t => t.Token)) },
            ["logprobs"] = new JsonObject
            {
                ["content"] = new JsonArray([.. tokens.Select(t => (JsonNode)new JsonObject
                {
                    ["token"] = t.Token,
                    ["logprob"] = t.Top.Count > 0 ? t.Top[0].Logprob : 0.0,
                    ["bytes"] = Bytes(t.Token),
                    ["top_logprobs"] = new JsonArray([.. t.Top.Select(a => (JsonNode)new JsonObject { ["token"] = a.Token, ["logprob"] = a.Logprob, ["bytes"] = Bytes(a.Token) })]),
                })]),
                ["refusal"] = null,
            },
            ["finish_reason"] = finishReason,
        }),
        ["usage"] = Usage(promptTokens, tokens.Count),
    });

    public static JsonObject Usage(int prompt, int completion) =>
        new() { ["prompt_tokens"] = prompt, ["completion_tokens"] = completion, ["total_tokens"] = prompt + completion };

    private static JsonArray Bytes(string s) => new([.. System.Text.Encoding.UTF8.GetBytes(s).Select(b => (JsonNode)(int)b)]);
}
