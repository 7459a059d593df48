namespace NeuronViewer.Web.Security;

/// <summary>Return-URL checks: only paths on this site are followed after login; anything else (other hosts, <c>//host</c>, <c>/\host</c>, schemes) goes home.</summary>
public static class LocalUrl
{
    /// <summary>Whether the URL is a path on this site: starts with one '/', not '//' or '/\', and has no control characters.</summary>
    public static bool IsLocal(string? url)
    {
        if (string.IsNullOrEmpty(url) || url[0] != '/')
            return false;
        if (url.Length > 1 && url[1] is '/' or '\\')
            return false;
        return !url.Any(c => char.IsControl(c));
    }

    /// <summary>The URL when it is local and not an account page (no loop back to the login), else <paramref name="fallback"/>.</summary>
    public static string OrDefault(string? url, string fallback)
    {
        if (!IsLocal(url))
            return fallback;
        var path = url!.Split('?', '#')[0];
        return path.StartsWith("/login", StringComparison.OrdinalIgnoreCase)
            || path.StartsWith("/setup", StringComparison.OrdinalIgnoreCase)
            || path.StartsWith("/account/", StringComparison.OrdinalIgnoreCase)
            ? fallback
            : url;
    }
}
