using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.CommandLine;
using Microsoft.Extensions.Configuration.EnvironmentVariables;
using Microsoft.Extensions.Configuration.Json;
using Microsoft.Extensions.Configuration.Memory;

namespace NeuronViewer.Explainers.Configuration;

/// <summary>Where a configuration value came from (the provider that wins), and whether a secret may come from there.</summary>
public sealed record ConfigurationOrigin(string Name, bool MayHoldSecrets)
{
    /// <summary>No provider has the key.</summary>
    public static ConfigurationOrigin None { get; } = new("nowhere", false);

    /// <summary>The origin of the key's value: environment variable and user secrets (and in-memory values set by code) may hold secrets; files and the command line may not.</summary>
    public static ConfigurationOrigin Of(IConfiguration configuration, string key)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        if (configuration is not IConfigurationRoot root)
            return None;
        foreach (var provider in root.Providers.Reverse())
        {
            if (provider is ChainedConfigurationProvider chained)
            {
                if (Of(chained.Configuration, key) is { } inner && inner != None)
                    return inner;
                continue;
            }
            if (provider.TryGet(key, out var value) && value is not null)
                return Describe(provider, key);
        }
        return None;
    }

    private static ConfigurationOrigin Describe(IConfigurationProvider provider, string key) => provider switch
    {
        EnvironmentVariablesConfigurationProvider => new($"the environment variable {key.Replace(":", "__", StringComparison.Ordinal)}", true),
        JsonConfigurationProvider { Source.Path: "secrets.json" } => new("user secrets", true),
        JsonConfigurationProvider json => new(Path.GetFileName(json.Source.Path ?? "a JSON file"), false),
        CommandLineConfigurationProvider => new("the command line", false),
        MemoryConfigurationProvider => new("in-memory configuration", true),
        _ => new(provider.GetType().Name, false),
    };
}
