using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace NeuronViewer.Cli.Commands;

/// <summary>How the CLI prints JSON: compact, non-ASCII kept, non-finite numbers as null.</summary>
public static class CliJson
{
    public static readonly JsonSerializerOptions Options = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    /// <summary>A score as JSON: null when missing or not finite.</summary>
    public static double? Number(double? value) => value is { } v && double.IsFinite(v) ? v : null;
}
