namespace NeuronViewer.Web.Security;

/// <summary>Shows a secret without revealing it: its usual prefix and last four characters, e.g. <c>sk-…3f9a (from OPENAI_API_KEY)</c>.</summary>
public static class SecretMask
{
    /// <summary>Keys shorter than this show no characters at all.</summary>
    public const int MinLengthToShowEnds = 16;

    /// <summary>The masked form: prefix up to the first '-' (at most 3 characters before it) and the last 4, else only the length.</summary>
    public static string Mask(string? secret)
    {
        if (string.IsNullOrEmpty(secret))
            return "not set";
        if (secret.Length < MinLengthToShowEnds)
            return $"set ({secret.Length} characters, hidden)";
        var dash = secret.IndexOf('-', StringComparison.Ordinal);
        var prefix = dash is >= 1 and <= 3 ? secret[..(dash + 1)] : "";
        return $"{prefix}…{secret[^4..]}";
    }

    /// <summary>The masked secret and where it comes from, e.g. <c>sk-…3f9a (from OPENAI_API_KEY)</c>, or <c>not set</c>.</summary>
    public static string Describe(string? secret, string source) =>
        string.IsNullOrEmpty(secret) ? "not set" : $"{Mask(secret)} (from {source})";
}
