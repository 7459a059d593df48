namespace NeuronViewer.Core.Collection;

/// <summary>Bucket boundaries of the excerpt-max distribution and the bucket rule used for quantile samples.</summary>
public static class QuantileBoundaries
{
    /// <summary>
    /// The q-quantile (numpy's default linear interpolation between order statistics) of n values, taking each order
    /// statistic exactly from <paramref name="topDescending"/> when it is among them, else from the sketch.
    /// </summary>
    public static double Estimate(double q, long n, LogHistogramSketch sketch, IReadOnlyList<KeptExcerpt> topDescending)
    {
        if (n <= 0) return double.NaN;
        double pos = q * (n - 1);
        long lo = (long)Math.Floor(pos), hi = Math.Min(lo + 1, n - 1);
        double frac = pos - lo;
        double At(long rank)
        {
            long fromTop = n - 1 - rank;
            return fromTop < topDescending.Count ? topDescending[(int)fromTop].Max : sketch.ValueAtRank(rank);
        }
        double a = At(lo), b = At(hi);
        return a + frac * (b - a);
    }

    /// <summary>The bucket of a value given interior boundaries b_1 ≤ … ≤ b_k: bucket i holds b_i ≤ v &lt; b_(i+1) (b_0 = −∞, b_(k+1) = +∞).</summary>
    public static int Bucket(double value, IReadOnlyList<double> interior)
    {
        int i = 0;
        while (i < interior.Count && value >= interior[i]) i++;
        return i;
    }

    /// <summary>OpenAI's layout: the interior boundaries with −∞ and +∞ at the ends (written as null in JSON).</summary>
    public static double[] WithEnds(IReadOnlyList<double> interior) =>
        [double.NegativeInfinity, .. interior, double.PositiveInfinity];
}
