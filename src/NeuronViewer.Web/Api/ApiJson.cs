using System.Text.Json;
using System.Text.Json.Serialization;

namespace NeuronViewer.Web.Api;

/// <summary>The read API's JSON: snake_case names, enums as snake_case strings, nulls written, a stray NaN as \"NaN\" rather than an error.</summary>
internal static class ApiJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };
}
