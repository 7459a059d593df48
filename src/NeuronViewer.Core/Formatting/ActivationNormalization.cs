using NeuronViewer.Core.Records;

namespace NeuronViewer.Core.Formatting;

/// <summary>Discretising raw activations to the integers 0..10 shown to the explainer (spec §3).</summary>
public static class ActivationNormalization
{
    /// <summary>The top of the normalised scale.</summary>
    public const int MaxNormalizedActivation = 10;

    /// <summary>The explainer repeats the records with zeros filtered out when the share of non-zero normalised values is strictly below this.</summary>
    public const double ZeroFilteredRepeatThreshold = 0.2;

    /// <summary><c>max(0, x)</c>; NaN gives 0, as Python's <c>max(0.0, nan)</c> does.</summary>
    public static double Relu(double x) => x > 0 ? x : 0.0;

    /// <summary>The max over records of each record's max ReLU'd activation; 0 when every value is ≤ 0.</summary>
    public static double CalculateMaxActivation(IReadOnlyList<ActivationRecord> records)
    {
        ArgumentNullException.ThrowIfNull(records);
        if (records.Count == 0)
            throw new ArgumentException("Cannot take the max activation of no activation records.", nameof(records));
        var max = 0.0;
        for (var i = 0; i < records.Count; i++)
        {
            if (records[i].Activations.Count == 0)
                throw new ArgumentException($"Activation record {i} is empty, so it has no max activation.", nameof(records));
            foreach (var a in records[i].Activations)
                max = Math.Max(max, Relu(a));
        }

        return max;
    }

    /// <summary>
    /// <c>min(10, floor(10·relu(x)/max))</c> for each value, in that operation order; all zeros when <paramref name="maxActivation"/> ≤ 0.
    /// As in the reference, rounding can give the max itself 9 (10·118.762/118.762 = 9.999999999999998).
    /// </summary>
    public static int[] NormalizeActivations(IReadOnlyList<double> activations, double maxActivation)
    {
        ArgumentNullException.ThrowIfNull(activations);
        var result = new int[activations.Count];
        if (maxActivation <= 0)
            return result;
        if (!double.IsFinite(maxActivation))
            throw new ArgumentOutOfRangeException(nameof(maxActivation), maxActivation, "The max activation must be a finite number.");
        for (var i = 0; i < result.Length; i++)
        {
            var scaled = Math.Floor(MaxNormalizedActivation * Relu(activations[i]) / maxActivation);
            result[i] = scaled >= MaxNormalizedActivation ? MaxNormalizedActivation : (int)scaled;
        }

        return result;
    }

    /// <summary>The share of tokens, over all records together, whose normalised value is not 0.</summary>
    public static double NonZeroActivationProportion(IReadOnlyList<ActivationRecord> records, double maxActivation)
    {
        ArgumentNullException.ThrowIfNull(records);
        var total = records.Sum(r => r.Activations.Count);
        if (total == 0)
            throw new ArgumentException("Cannot take the non-zero proportion of records with no tokens.", nameof(records));
        var nonZero = records.Sum(r => NormalizeActivations(r.Activations, maxActivation).Count(v => v != 0));
        return (double)nonZero / total;
    }

    /// <summary>Whether the explainer prompt adds the zero-filtered repeat: non-zero share &lt; <see cref="ZeroFilteredRepeatThreshold"/> (strictly).</summary>
    public static bool NeedsZeroFilteredRepeat(IReadOnlyList<ActivationRecord> records, double maxActivation) =>
        NonZeroActivationProportion(records, maxActivation) < ZeroFilteredRepeatThreshold;
}
