using Microsoft.Extensions.Configuration;

namespace NeuronViewer.Explainers.Configuration;

/// <summary>Reads the provider's API key at the call site: environment variable first, then configuration (user secrets). Never stored or logged.</summary>
public static class ApiKeys
{
    /// <summary>The key named by <see cref="ProviderOptions.ApiKeyVariable"/>, or null when it is not set anywhere.</summary>
    public static string? Resolve(ProviderOptions options, IConfiguration? configuration = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var fromEnvironment = Environment.GetEnvironmentVariable(options.ApiKeyVariable);
        if (!string.IsNullOrWhiteSpace(fromEnvironment))
            return fromEnvironment;
        var fromConfiguration = configuration?[options.ApiKeyVariable];
        return string.IsNullOrWhiteSpace(fromConfiguration) ? null : fromConfiguration;
    }
}
