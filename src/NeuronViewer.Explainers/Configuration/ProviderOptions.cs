using Microsoft.Extensions.Configuration;

namespace NeuronViewer.Explainers.Configuration;

/// <summary>Which backend explains and simulates: offline baselines or an OpenAI-style provider.</summary>
public enum ProviderKind
{
    Offline,
    OpenAI,
    Azure,
    Compatible,
}

/// <summary>How a provider simulates: chat with top logprobs, legacy completions with echo, or logprob-free JSON.</summary>
public enum SimulatorMode
{
    Chat,
    Completions,
    Json,
}

/// <summary>A model's price in currency units per one million input and output tokens.</summary>
public sealed class ModelPrice
{
    public decimal InputPerMillion { get; set; }
    public decimal OutputPerMillion { get; set; }
}

/// <summary>The <c>NeuronViewer:Provider</c> configuration section: provider, models, limits and prices. Never holds the key.</summary>
public sealed class ProviderOptions
{
    public const string SectionName = "NeuronViewer:Provider";

    public ProviderKind Kind { get; set; } = ProviderKind.Offline;

    /// <summary>Base URL (…/v1 for OpenAI-compatible servers; the resource URL for Azure). Empty means OpenAI's.</summary>
    public string? Endpoint { get; set; }

    public string ExplainerModel { get; set; } = "gpt-4o";
    public string SimulatorModel { get; set; } = "gpt-4o-mini";
    public SimulatorMode SimulatorMode { get; set; } = SimulatorMode.Chat;

    /// <summary>Name of the environment variable (or user-secrets key) that holds the API key.</summary>
    public string ApiKeyVariable { get; set; } = "OPENAI_API_KEY";

    public int MaxConcurrency { get; set; } = 8;
    public int TimeoutSeconds { get; set; } = 120;
    public int MaxRetries { get; set; } = 6;

    /// <summary>First backoff delay; doubles per retry up to <see cref="RetryMaxDelayMilliseconds"/>, ±20% jitter.</summary>
    public int RetryBaseDelayMilliseconds { get; set; } = 1000;
    public int RetryMaxDelayMilliseconds { get; set; } = 10000;

    /// <summary>Send <c>max_tokens</c> (older servers) instead of <c>max_completion_tokens</c>.</summary>
    public bool UseLegacyMaxTokens { get; set; }

    public Dictionary<string, ModelPrice> Prices { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Binds the <c>NeuronViewer:Provider</c> section of a configuration (appsettings.json, command line, environment).</summary>
    public static ProviderOptions FromConfiguration(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var options = new ProviderOptions();
        configuration.GetSection(SectionName).Bind(options);
        options.Prices = new Dictionary<string, ModelPrice>(options.Prices, StringComparer.OrdinalIgnoreCase);
        options.Validate();
        return options;
    }

    /// <summary>Command-line switches that override this section, for <c>AddCommandLine(args, switchMappings)</c>.</summary>
    public static IReadOnlyDictionary<string, string> CommandLineSwitches { get; } = new Dictionary<string, string>
    {
        ["--provider"] = SectionName + ":Kind",
        ["--endpoint"] = SectionName + ":Endpoint",
        ["--explainer-model"] = SectionName + ":ExplainerModel",
        ["--simulator-model"] = SectionName + ":SimulatorModel",
        ["--simulator-mode"] = SectionName + ":SimulatorMode",
        ["--api-key-variable"] = SectionName + ":ApiKeyVariable",
        ["--max-concurrency"] = SectionName + ":MaxConcurrency",
        ["--timeout"] = SectionName + ":TimeoutSeconds",
        ["--max-retries"] = SectionName + ":MaxRetries",
    };

    /// <summary>Throws a one-line error naming the first bad setting.</summary>
    public void Validate()
    {
        if (MaxConcurrency < 1)
            throw new InvalidOperationException($"{SectionName}:MaxConcurrency must be at least 1 (was {MaxConcurrency}).");
        if (TimeoutSeconds < 1)
            throw new InvalidOperationException($"{SectionName}:TimeoutSeconds must be at least 1 (was {TimeoutSeconds}).");
        if (MaxRetries < 0)
            throw new InvalidOperationException($"{SectionName}:MaxRetries cannot be negative (was {MaxRetries}).");
        if (Kind is ProviderKind.Azure or ProviderKind.Compatible && string.IsNullOrWhiteSpace(Endpoint))
            throw new InvalidOperationException($"{SectionName}:Endpoint is required for provider kind {Kind}.");
        if (!string.IsNullOrWhiteSpace(Endpoint) && !Uri.TryCreate(Endpoint, UriKind.Absolute, out _))
            throw new InvalidOperationException($"{SectionName}:Endpoint is not an absolute URL: '{Endpoint}'.");
        if (Kind != ProviderKind.Offline && (string.IsNullOrWhiteSpace(ExplainerModel) || string.IsNullOrWhiteSpace(SimulatorModel)))
            throw new InvalidOperationException($"{SectionName}: ExplainerModel and SimulatorModel must be set for provider kind {Kind}.");
    }

    /// <summary>A copy, so command-line overrides never change the shared options.</summary>
    public ProviderOptions Clone()
    {
        var copy = (ProviderOptions)MemberwiseClone();
        copy.Prices = new Dictionary<string, ModelPrice>(Prices, StringComparer.OrdinalIgnoreCase);
        return copy;
    }
}
