using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;

namespace NeuronViewer.Web.Api;

/// <summary>
/// What every state-changing API call needs: the <see cref="ClientHeader"/> (a cross-site form or link cannot send a custom
/// header, so a login cookie alone never changes anything) and a size-limited JSON body, refused with a one-line problem.
/// </summary>
public static class ApiRequests
{
    /// <summary>The header every POST to the API must carry (any value): the API's defence against cross-site requests.</summary>
    public const string ClientHeader = "X-NeuronViewer-Client";

    /// <summary>Refuses the request with 400 when it lacks <see cref="ClientHeader"/>.</summary>
    public static TBuilder RequireClientHeader<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(async (context, next) =>
            context.HttpContext.Request.Headers.ContainsKey(ClientHeader)
                ? await next(context)
                : Problems.BadBody("Missing client header", [$"Requests that change data must carry the header {ClientHeader} (any value)."]));

    /// <summary>Reads the body as JSON of <typeparamref name="T"/> (unknown keys refused), at most <paramref name="maxBytes"/>; a problem otherwise.</summary>
    internal static async Task<(T? Value, ProblemHttpResult? Problem)> ReadJsonAsync<T>(HttpRequest request, int maxBytes)
        where T : class
    {
        if (!request.HasJsonContentType())
            return (null, Bad("The body must be JSON (Content-Type: application/json)."));
        if (request.ContentLength > maxBytes)
            return (null, Bad($"The body is {request.ContentLength:N0} bytes; the limit is {maxBytes:N0}."));
        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, request.HttpContext.RequestAborted)) > 0)
        {
            if (buffer.Length + read > maxBytes)
                return (null, Bad($"The body is more than {maxBytes:N0} bytes; the limit is {maxBytes:N0}."));
            buffer.Write(chunk, 0, read);
        }
        if (buffer.Length == 0)
            return (null, Bad("The body is empty; send a JSON object."));
        try
        {
            return JsonSerializer.Deserialize<T>(buffer.GetBuffer().AsSpan(0, (int)buffer.Length), ApiJson.Requests) is { } value
                ? (value, null)
                : (null, Bad("The body must be a JSON object, not null."));
        }
        catch (JsonException e)
        {
            var message = e.Message.Split(" Path:", 2)[0].Split(" LineNumber:", 2)[0].TrimEnd(' ', '|');
            return (null, Bad($"The body is not valid JSON for this request{(e.Path is { Length: > 1 } path ? $" at {path}" : "")}: {message}"));
        }
    }

    private static ProblemHttpResult Bad(string message) => Problems.BadBody("Invalid request body", [message]);
}
