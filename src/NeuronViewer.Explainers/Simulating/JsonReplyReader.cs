using System.Text.Json;
using System.Text.Json.Nodes;
using NeuronViewer.Core.Formatting;
using NeuronViewer.Core.Simulation;

namespace NeuronViewer.Explainers.Simulating;

/// <summary>Validates a JSON-format simulator reply against the schema: <c>{"activations":[{"token":string,"activation":0..10}]}</c>.</summary>
internal static class JsonReplyReader
{
    public static (List<string> Tokens, List<TokenPrediction> Predictions)? Read(string content, out string? failure)
    {
        failure = null;
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(StripFence(content));
        }
        catch (JsonException ex)
        {
            failure = $"the reply is not valid JSON ({ex.Message})";
            return null;
        }
        if (root?["activations"] is not JsonArray entries)
        {
            failure = "the reply has no \"activations\" array";
            return null;
        }
        var tokens = new List<string>();
        var predictions = new List<TokenPrediction>();
        foreach (var entry in entries)
        {
            var n = tokens.Count + 1;
            if (entry?["token"] is not JsonValue t || !t.TryGetValue<string>(out var token))
            {
                failure = $"entry {n} has no string \"token\"";
                return null;
            }
            if (entry["activation"] is not JsonValue a || !a.TryGetValue<double>(out var value) || value != Math.Floor(value) || value is < 0 or > ActivationNormalization.MaxNormalizedActivation)
            {
                failure = $"entry {n} ('{token}') has an activation that is not an integer from 0 to 10: {entry["activation"]?.ToJsonString() ?? "missing"}";
                return null;
            }
            tokens.Add(Core.Prompts.ChatSimulatorPrompts.ShowToken(token));
            predictions.Add(TokenPrediction.Point(value));
        }
        return (tokens, predictions);
    }

    /// <summary>Some servers wrap JSON in a Markdown code fence even under a schema.</summary>
    private static string StripFence(string content)
    {
        var text = content.Trim();
        if (!text.StartsWith("```", StringComparison.Ordinal))
            return text;
        var firstNewline = text.IndexOf('\n', StringComparison.Ordinal);
        var end = text.LastIndexOf("```", StringComparison.Ordinal);
        return firstNewline > 0 && end > firstNewline ? text[(firstNewline + 1)..end] : text;
    }
}
