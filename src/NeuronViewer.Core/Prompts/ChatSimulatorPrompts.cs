using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using NeuronViewer.Core.Formatting;

namespace NeuronViewer.Core.Prompts;

/// <summary>
/// Our simulator prompts for today's chat models (not in the reference): the model copies every token with its 0–10
/// activation, as <c>token\tvalue</c> lines (read with top log-probs at each value) or as schema-checked JSON.
/// </summary>
public static class ChatSimulatorPrompts
{
    public const string LinesVersion = "chat-lines-v1";
    public const string JsonVersion = "chat-json-v1";

    private const string Task =
        "We're studying neurons in a neural network. Each neuron looks for some particular thing in a short document. " +
        "You will read an explanation of what a neuron does and predict the neuron's activation on every token of a text.\n\n";

    private const string Scale =
        "An activation is an integer from 0 to 10. Most activations are 0; the higher the value, the stronger the match with the explanation.";

    public const string LinesSystemMessage = Task +
        "You get the text's tokens, one per line. Answer with the same tokens, copied exactly, one per line and in the same order, " +
        "each followed by a tab and its activation. Inside a token a newline is written \\n and a tab \\t. Answer with the lines only. " + Scale;

    public const string JsonSystemMessage = Task +
        "You get the text's tokens as a JSON array. Answer with a JSON object {\"activations\": [{\"token\": …, \"activation\": …}, …]} " +
        "with exactly one entry per token, in the same order, each token copied exactly. " + Scale;

    /// <summary>A token as shown on one line: newline, tab and carriage return written as <c>\n</c>, <c>\t</c>, <c>\r</c>.</summary>
    public static string ShowToken(string token) =>
        token.Replace("\n", "\\n", StringComparison.Ordinal).Replace("\t", "\\t", StringComparison.Ordinal).Replace("\r", "\\r", StringComparison.Ordinal);

    /// <summary>Chat messages for the line format: every few-shot record as one exchange, then the target tokens.</summary>
    public static Prompt Lines(string explanation, IReadOnlyList<string> tokens, FewShotExampleSet examples) =>
        Build(LinesSystemMessage, explanation, tokens, examples, LinesUser, LinesAnswer);

    /// <summary>Chat messages for the JSON format.</summary>
    public static Prompt Json(string explanation, IReadOnlyList<string> tokens, FewShotExampleSet examples) =>
        Build(JsonSystemMessage, explanation, tokens, examples, JsonUser, JsonAnswer);

    /// <summary>The JSON schema of a JSON-format answer (for <c>response_format</c>).</summary>
    public static JsonObject JsonSchema() => new()
    {
        ["type"] = "object",
        ["properties"] = new JsonObject
        {
            ["activations"] = new JsonObject
            {
                ["type"] = "array",
                ["items"] = new JsonObject
                {
                    ["type"] = "object",
                    ["properties"] = new JsonObject { ["token"] = new JsonObject { ["type"] = "string" }, ["activation"] = new JsonObject { ["type"] = "integer" } },
                    ["required"] = new JsonArray("token", "activation"),
                    ["additionalProperties"] = false,
                },
            },
        },
        ["required"] = new JsonArray("activations"),
        ["additionalProperties"] = false,
    };

    private static Prompt Build(
        string system, string explanation, IReadOnlyList<string> tokens, FewShotExampleSet examples,
        Func<string, IReadOnlyList<string>, string> user, Func<IReadOnlyList<string>, IReadOnlyList<int>, string> answer)
    {
        var builder = new PromptBuilder().Add(PromptRole.System, system);
        foreach (var ex in examples.Examples)
        {
            var max = ActivationNormalization.CalculateMaxActivation(ex.ActivationRecords);
            foreach (var record in ex.ActivationRecords)
            {
                builder.Add(PromptRole.User, user(ex.Explanation, record.Tokens));
                builder.Add(PromptRole.Assistant, answer(record.Tokens, ActivationNormalization.NormalizeActivations(record.Activations, max)));
            }
        }
        builder.Add(PromptRole.User, user(explanation.Trim(), tokens));
        return builder.Build(PromptFormat.HarmonyV4);
    }

    private static string Head(string explanation) => $"Explanation: {TokenActivationPairPrompt.ExplanationPrefix} {explanation}\n\nTokens:";

    private static string LinesUser(string explanation, IReadOnlyList<string> tokens) =>
        Head(explanation) + "\n" + string.Join("\n", tokens.Select(ShowToken));

    private static string LinesAnswer(IReadOnlyList<string> tokens, IReadOnlyList<int> values) =>
        string.Join("\n", tokens.Select((t, i) => ShowToken(t) + "\t" + values[i].ToString(CultureInfo.InvariantCulture)));

    private static string JsonUser(string explanation, IReadOnlyList<string> tokens) =>
        Head(explanation) + " " + JsonSerializer.Serialize(tokens);

    private static string JsonAnswer(IReadOnlyList<string> tokens, IReadOnlyList<int> values) =>
        new JsonObject
        {
            ["activations"] = new JsonArray([.. tokens.Select((t, i) => (JsonNode)new JsonObject { ["token"] = t, ["activation"] = values[i] })]),
        }.ToJsonString();
}
