namespace NeuronViewer.Core.Collection;

/// <summary>
/// Count, mean and central moment sums M2–M4 of a stream, updated one value or one batch at a time with the
/// numerically stable pairwise formulas (Chan et al.; Pébay 2008). Variance is the population variance (divide by n);
/// kurtosis is the excess kurtosis (0 for a normal distribution), as scipy.stats reports by default.
/// </summary>
public struct MomentAccumulator
{
    public long Count;
    public double Mean, M2, M3, M4;

    public readonly double Variance => Count == 0 ? double.NaN : M2 / Count;

    public readonly double Skewness => Count == 0 || M2 == 0 ? double.NaN : Math.Sqrt(Count) * M3 / Math.Pow(M2, 1.5);

    public readonly double Kurtosis => Count == 0 || M2 == 0 ? double.NaN : Count * M4 / (M2 * M2) - 3.0;

    public readonly double MeanOrNaN => Count == 0 ? double.NaN : Mean;

    public void Add(double x) => Merge(1, x, 0, 0, 0);

    /// <summary>Adds a batch: its own mean and central sums first (two passes in double), then one merge.</summary>
    public void AddBatch(ReadOnlySpan<float> values)
    {
        if (values.IsEmpty) return;
        double sum = 0;
        foreach (var v in values) sum += v;
        double mean = sum / values.Length, m2 = 0, m3 = 0, m4 = 0;
        foreach (var v in values)
        {
            double d = v - mean, d2 = d * d;
            m2 += d2;
            m3 += d2 * d;
            m4 += d2 * d2;
        }
        Merge(values.Length, mean, m2, m3, m4);
    }

    /// <summary>Merges the moments of another part of the stream into this one.</summary>
    public void Merge(long nb, double meanB, double m2b, double m3b, double m4b)
    {
        if (nb == 0) return;
        if (Count == 0)
        {
            (Count, Mean, M2, M3, M4) = (nb, meanB, m2b, m3b, m4b);
            return;
        }
        double na = Count, n = na + nb, delta = meanB - Mean, d_n = delta / n, d_n2 = d_n * d_n;
        double m4 = M4 + m4b + delta * d_n * d_n2 * na * nb * (na * na - na * nb + (double)nb * nb)
            + 6 * d_n2 * (na * na * m2b + (double)nb * nb * M2) + 4 * d_n * (na * m3b - nb * M3);
        double m3 = M3 + m3b + delta * d_n2 * na * nb * (na - nb) + 3 * d_n * (na * m2b - nb * M2);
        double m2 = M2 + m2b + delta * d_n * na * nb;
        Mean += d_n * nb;
        (M2, M3, M4) = (m2, m3, m4);
        Count += nb;
    }
}
