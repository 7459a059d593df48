using NeuronViewer.Explainers.Configuration;

namespace NeuronViewer.Web.Security;

/// <summary>The provider's API key as a page may show it: masked, where it comes from, and a warning when it sits where secrets must not (then it is not used).</summary>
public sealed record ApiKeyStatus(bool IsSet, string Shown, string? Warning)
{
    /// <summary>Reads the key by the explainers' rule (<see cref="ApiKeys.Find"/>) and describes it without revealing it.</summary>
    public static ApiKeyStatus Read(ProviderOptions provider, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(provider);
        var variable = provider.ApiKeyVariable;
        var found = ApiKeys.Find(provider, configuration);
        if (!found.IsSet)
            return new(false, $"not set (set the environment variable {variable}, or the user secret {variable})", null);
        var shown = SecretMask.Describe(found.Key, found.Origin);
        return found.Refusal is { } refusal ? new(false, shown + ", not used", refusal) : new(true, shown, null);
    }
}
