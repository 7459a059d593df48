using NeuronViewer.Core.Abstractions;
using NeuronViewer.Explainers.Configuration;

namespace NeuronViewer.Explainers.Scoring;

/// <summary>Estimated cost of token usage from the configured per-model prices (per one million tokens).</summary>
public static class CostEstimator
{
    /// <summary>The cost of <paramref name="usage"/> with <paramref name="model"/>, or null when no price is configured for it.</summary>
    public static decimal? Estimate(Usage usage, string model, ProviderOptions? options)
    {
        if (usage.TotalTokens == 0)
            return 0m;
        if (options is null || !options.Prices.TryGetValue(model, out var price))
            return null;
        return (usage.PromptTokens * price.InputPerMillion + usage.CompletionTokens * price.OutputPerMillion) / 1_000_000m;
    }
}
