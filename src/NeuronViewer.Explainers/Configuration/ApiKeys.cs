using Microsoft.Extensions.Configuration;

namespace NeuronViewer.Explainers.Configuration;

/// <summary>Where the provider's API key was found: the key (null when not set), its origin, and why it is refused when it sits where secrets must not.</summary>
public sealed record ApiKeySource(string? Key, string Origin, string? Refusal)
{
    /// <summary>A key was found, usable or not.</summary>
    public bool IsSet => Key is not null;

    /// <summary>A key was found where keys may live.</summary>
    public bool IsUsable => Key is not null && Refusal is null;
}

/// <summary>
/// The one rule for the provider's API key: read at the call site from the environment variable named by
/// <see cref="ProviderOptions.ApiKeyVariable"/> or from user secrets of that name; a key in appsettings.json, another file or on the
/// command line is refused (never used). The key is never stored or logged.
/// </summary>
public static class ApiKeys
{
    /// <summary>Finds the key and says whether it may be used (environment variable first, then configuration by its origin).</summary>
    public static ApiKeySource Find(ProviderOptions options, IConfiguration? configuration = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var variable = options.ApiKeyVariable;
        var fromEnvironment = Environment.GetEnvironmentVariable(variable);
        if (!string.IsNullOrWhiteSpace(fromEnvironment))
            return new(fromEnvironment, variable, null);
        var fromConfiguration = configuration?[variable];
        if (string.IsNullOrWhiteSpace(fromConfiguration))
            return new(null, "nowhere", null);
        var origin = ConfigurationOrigin.Of(configuration!, variable);
        if (origin == ConfigurationOrigin.None)
            origin = new("an unknown configuration source", false);
        return origin.MayHoldSecrets
            ? new(fromConfiguration, origin.Name == "user secrets" ? $"user secrets: {variable}" : origin.Name, null)
            : new(fromConfiguration, origin.Name,
                $"The API key is in {origin.Name}, where secrets must not be kept, so it is not used: move it to the environment variable {variable} or to user secrets (dotnet user-secrets --id neuronviewer set {variable} …) and remove it from {origin.Name}.");
    }

    /// <summary>The key to call the provider with, or null when it is not set; an InvalidOperationException saying where to move it when it is refused.</summary>
    public static string? Resolve(ProviderOptions options, IConfiguration? configuration = null)
    {
        var found = Find(options, configuration);
        return found.Refusal is { } refusal ? throw new InvalidOperationException(refusal) : found.Key;
    }
}
