namespace NeuronViewer.Core.Records;

/// <summary>Everything collected for one neuron: top-activating, random and quantile-stratified excerpts, and moments.</summary>
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
}
