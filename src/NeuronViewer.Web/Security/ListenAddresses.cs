using System.Net;
using Microsoft.Extensions.Configuration;

namespace NeuronViewer.Web.Security;

/// <summary>Which addresses the server is told to listen on (<c>--urls</c>, <c>ASPNETCORE_URLS</c>, <c>ASPNETCORE_HTTP_PORTS</c>, <c>Kestrel:Endpoints</c>) and whether an address is loopback.</summary>
public static class ListenAddresses
{
    /// <summary>Every address named by configuration; ports alone (<c>http_ports</c>) mean every interface.</summary>
    public static IReadOnlyList<string> Configured(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var found = new List<string>();
        found.AddRange(Split(configuration["urls"]));
        found.AddRange(Split(configuration["http_ports"]).Select(p => $"http://*:{p}"));
        found.AddRange(Split(configuration["https_ports"]).Select(p => $"https://*:{p}"));
        foreach (var endpoint in configuration.GetSection("Kestrel:Endpoints").GetChildren())
        {
            if (endpoint["Url"] is { Length: > 0 } url)
                found.Add(url.Trim());
        }
        return found;
    }

    /// <summary>True for <c>localhost</c>, 127.0.0.0/8 and ::1; false for wildcards (<c>*</c>, <c>+</c>, 0.0.0.0, ::), other host names (Kestrel binds those to every interface) and unix sockets.</summary>
    public static bool IsLoopback(string address)
    {
        ArgumentNullException.ThrowIfNull(address);
        var text = address.Trim();
        var scheme = text.IndexOf("://", StringComparison.Ordinal);
        if (scheme < 0)
            return false;
        var rest = text[(scheme + 3)..];
        string host;
        if (rest.StartsWith('['))
        {
            var end = rest.IndexOf(']', StringComparison.Ordinal);
            if (end < 0)
                return false;
            host = rest[1..end];
        }
        else
        {
            var end = rest.IndexOfAny([':', '/']);
            host = end < 0 ? rest : rest[..end];
        }
        if (host.Equals("localhost", StringComparison.OrdinalIgnoreCase))
            return true;
        return IPAddress.TryParse(host, out var ip) && IPAddress.IsLoopback(ip);
    }

    /// <summary>The first address that is not loopback, or null when all are.</summary>
    public static string? FirstNonLoopback(IEnumerable<string> addresses) => addresses.FirstOrDefault(a => !IsLoopback(a));

    private static IEnumerable<string> Split(string? list) =>
        (list ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
