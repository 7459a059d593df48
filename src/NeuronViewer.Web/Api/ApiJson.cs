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

    /// <summary>Request bodies: the same names, but a key the request does not know is an error, and numbers must be plain numbers.</summary>
    public static readonly JsonSerializerOptions Requests = new(Options)
    {
        NumberHandling = JsonNumberHandling.Strict,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };
}
