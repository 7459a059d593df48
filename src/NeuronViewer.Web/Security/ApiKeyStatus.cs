using NeuronViewer.Explainers.Configuration;

namespace NeuronViewer.Web.Security;

/// <summary>The provider's API key as a page may show it: masked, where it comes from, and a warning when it sits where secrets must not.</summary>
public sealed record ApiKeyStatus(bool IsSet, string Shown, string? Warning)
{
    /// <summary>Reads the key the way the explainers do (<see cref="ApiKeys.Resolve"/>) and describes it without revealing it.</summary>
    public static ApiKeyStatus Read(ProviderOptions provider, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(provider);
        var variable = provider.ApiKeyVariable;
        var key = ApiKeys.Resolve(provider, configuration);
        if (key is null)
            return new(false, $"not set (set the environment variable {variable}, or the user secret {variable})", null);
        var origin = !string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(variable))
            ? new ConfigurationOrigin(variable, true)
            : ConfigurationOrigin.Of(configuration, variable);
        var source = origin.Name == "user secrets" ? $"user secrets: {variable}" : origin.Name;
        var warning = origin.MayHoldSecrets
            ? null
            : $"The key is in {origin.Name}: move it to the environment variable {variable} or to user secrets, and remove it from there.";
        return new(true, SecretMask.Describe(key, source), warning);
    }
}
