namespace NeuronViewer.Core.Collection;

/// <summary>
/// What activation collection keeps per neuron (the paper's top-activations pipeline, spec §15.1). The defaults follow
/// OpenAI's public GPT-2 XL records: 64-token excerpts, 50 top, 50 random, 5 quantile buckets × 20.
/// </summary>
public sealed record CollectionSettings
{
    public int ExcerptTokens { get; init; } = 64;

    /// <summary>Tail excerpts of a document shorter than this are skipped.</summary>
    public int MinExcerptTokens { get; init; } = 8;

    public int TopCount { get; init; } = 50;

    public int RandomCount { get; init; } = 50;

    /// <summary>Random excerpts kept in each quantile bucket of the excerpt-max distribution.</summary>
    public int QuantileSampleCount { get; init; } = 20;

    /// <summary>Interior bucket boundaries as quantiles of the excerpt max (5 buckets).</summary>
    public IReadOnlyList<double> Quantiles { get; init; } = [0.5, 0.9, 0.99, 0.999];

    /// <summary>A token enters the token look-up table only if it occurs at least this often.</summary>
    public int MinTokenCount { get; init; } = 5;

    /// <summary>At most this many distinct tokens (the most frequent qualifying ones) are tracked for the look-up table.</summary>
    public int MaxTrackedTokens { get; init; } = 4096;

    /// <summary>Tokens listed in each neuron's token look-up table.</summary>
    public int TokenLookupSize { get; init; } = 50;

    public ulong Seed { get; init; }

    /// <summary>Throws ArgumentException when a value is out of range.</summary>
    public void Validate()
    {
        if (ExcerptTokens < 1) throw new ArgumentException($"Excerpt length must be positive, not {ExcerptTokens}.");
        if (MinExcerptTokens < 1 || MinExcerptTokens > ExcerptTokens)
            throw new ArgumentException($"Minimum excerpt length must be within 1-{ExcerptTokens}, not {MinExcerptTokens}.");
        if (TopCount < 0 || RandomCount < 0 || QuantileSampleCount < 0 || TokenLookupSize < 0 || MinTokenCount < 1 || MaxTrackedTokens < 0)
            throw new ArgumentException("Counts kept per neuron must not be negative (and the minimum token count at least 1).");
        for (int i = 0; i < Quantiles.Count; i++)
            if (Quantiles[i] <= 0 || Quantiles[i] >= 1 || (i > 0 && Quantiles[i] <= Quantiles[i - 1]))
                throw new ArgumentException("Quantiles must increase strictly within (0, 1).");
    }
}
