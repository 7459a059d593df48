using System.Net;

namespace NeuronViewer.Web.Security;

/// <summary>Single-user mode's second guard: besides listening on loopback only, it answers only requests made on this machine, not through a proxy.</summary>
internal static class LocalOnly
{
    private static readonly string[] ProxyHeaders = ["X-Forwarded-For", "Forwarded", "X-Real-IP"];

    private const string Advice = "Set NeuronViewer:Auth:Mode to accounts to serve other people.";

    /// <summary>Why the request may not be the local user (it came from another address or through a proxy), or null when it may.</summary>
    public static string? Refusal(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Connection.RemoteIpAddress is { } ip && !IPAddress.IsLoopback(ip.IsIPv4MappedToIPv6 ? ip.MapToIPv4() : ip))
            return $"Single-user mode answers only this machine, and this request came from {ip}. {Advice}";
        if (ProxyHeaders.FirstOrDefault(context.Request.Headers.ContainsKey) is { } header)
            return $"Single-user mode answers only this machine, and this request came through a proxy (it carries {header}). {Advice}";
        return null;
    }
}
