namespace NeuronViewer.Core.Collection;

/// <summary>
/// A fixed-size quantile sketch: counts in logarithmic bins of |value| (ratio <see cref="Gamma"/> between bin edges) for
/// each sign, plus a bin for |value| below <see cref="MinMagnitude"/>. A quantile it returns is within a relative error of
/// (Gamma − 1) / 2 of a value from the right bin (clamped to the exact observed min and max); values beyond
/// <see cref="MaxMagnitude"/> fall in the outermost bin. Memory is constant, whatever the stream length.
/// </summary>
public sealed class LogHistogramSketch
{
    public const double Gamma = 1.04, MinMagnitude = 1e-4, MaxMagnitude = 1e4;
    private static readonly double LogGamma = Math.Log(Gamma);
    public static readonly int BinsPerSign = (int)Math.Ceiling(Math.Log(MaxMagnitude / MinMagnitude) / LogGamma);

    private readonly int[] counts = new int[2 * BinsPerSign + 1];

    public long Count { get; private set; }

    public double Min { get; private set; } = double.PositiveInfinity;

    public double Max { get; private set; } = double.NegativeInfinity;

    /// <summary>Bin index in ascending value order: negatives (largest magnitude first), the near-zero bin, positives.</summary>
    private static int Bin(double v)
    {
        double m = Math.Abs(v);
        if (m < MinMagnitude) return BinsPerSign;
        int k = Math.Min(BinsPerSign - 1, (int)(Math.Log(m / MinMagnitude) / LogGamma));
        return v > 0 ? BinsPerSign + 1 + k : BinsPerSign - 1 - k;
    }

    private static double Representative(int bin)
    {
        if (bin == BinsPerSign) return 0;
        int k = bin > BinsPerSign ? bin - BinsPerSign - 1 : BinsPerSign - 1 - bin;
        double magnitude = MinMagnitude * Math.Pow(Gamma, k + 0.5);
        return bin > BinsPerSign ? magnitude : -magnitude;
    }

    public void Add(double v)
    {
        if (double.IsNaN(v)) return;
        counts[Bin(v)]++;
        Count++;
        if (v < Min) Min = v;
        if (v > Max) Max = v;
    }

    /// <summary>The value of 0-based ascending rank <paramref name="rank"/> (approximate: its bin's representative).</summary>
    public double ValueAtRank(long rank)
    {
        if (Count == 0) return double.NaN;
        rank = Math.Clamp(rank, 0, Count - 1);
        if (rank == 0) return Min;
        if (rank == Count - 1) return Max;
        long seen = 0;
        for (int b = 0; b < counts.Length; b++)
        {
            seen += counts[b];
            if (seen > rank) return Math.Clamp(Representative(b), Min, Max);
        }
        return Max;
    }

    /// <summary>The raw state for checkpoints.</summary>
    public (int[] Counts, long Count, double Min, double Max) State => (counts, Count, Min, Max);

    public void Restore(int[] binCounts, long count, double min, double max)
    {
        if (binCounts.Length != counts.Length) throw new ArgumentException("Sketch state has the wrong number of bins.");
        binCounts.CopyTo(counts, 0);
        (Count, Min, Max) = (count, min, max);
    }
}
