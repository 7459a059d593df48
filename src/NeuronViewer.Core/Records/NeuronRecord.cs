namespace NeuronViewer.Core.Records;

/// <summary>Everything collected for one neuron: top-activating, random and quantile-stratified excerpts, and moments.</summary>
/// <remarks>
/// Moments default to NaN (written as JSON null). <see cref="QuantileBoundaries"/> has one more entry than
/// <see cref="RandomSampleByQuantile"/> has buckets: bucket i holds excerpts whose max lies in
/// [boundaries[i], boundaries[i + 1]]; a NaN end (JSON null, as in the public data) means unbounded.
/// </remarks>
public sealed record NeuronRecord(
    NeuronId NeuronId,
    IReadOnlyList<ActivationRecord> RandomSample,
    IReadOnlyList<IReadOnlyList<ActivationRecord>>? RandomSampleByQuantile,
    IReadOnlyList<double>? QuantileBoundaries,
    double Mean,
    double Variance,
    double Skewness,
    double Kurtosis,
    IReadOnlyList<ActivationRecord> MostPositiveActivationRecords)
{
    /// <summary>The largest raw activation over the top-activating records (no ReLU), as the reference defines it.</summary>
    public double MaxActivation =>
        MostPositiveActivationRecords.Count == 0 ? double.NaN : MostPositiveActivationRecords.Max(r => r.MaxActivation);

    /// <summary>The value range of quantile bucket <paramref name="bucket"/>; a missing (NaN) end is returned as ±Infinity.</summary>
    public (double Lower, double Upper) QuantileBucketRange(int bucket)
    {
        if (RandomSampleByQuantile is null || QuantileBoundaries is null)
            throw new InvalidOperationException($"Neuron {NeuronId} has no quantile buckets (quantile tracking was off).");
        if (QuantileBoundaries.Count != RandomSampleByQuantile.Count + 1)
            throw new InvalidOperationException(
                $"Neuron {NeuronId} has {RandomSampleByQuantile.Count} quantile buckets but {QuantileBoundaries.Count} boundaries; expected {RandomSampleByQuantile.Count + 1}.");
        ArgumentOutOfRangeException.ThrowIfNegative(bucket);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(bucket, RandomSampleByQuantile.Count);
        var lower = QuantileBoundaries[bucket];
        var upper = QuantileBoundaries[bucket + 1];
        return (double.IsNaN(lower) ? double.NegativeInfinity : lower, double.IsNaN(upper) ? double.PositiveInfinity : upper);
    }
}
