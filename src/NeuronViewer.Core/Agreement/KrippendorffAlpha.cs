namespace NeuronViewer.Core.Agreement;

/// <summary>The level of measurement, which sets Krippendorff's difference function δ².</summary>
public enum MeasurementLevel
{
    /// <summary>δ² = 0 if equal, else 1.</summary>
    Nominal,

    /// <summary>δ² = (Σ_{g from c to k} n_g − (n_c + n_k)/2)², using how often each value was used.</summary>
    Ordinal,

    /// <summary>δ² = (c − k)².</summary>
    Interval,

    /// <summary>δ² = ((c − k)/(c + k))², 0 when both are 0.</summary>
    Ratio,
}

/// <summary>Krippendorff's α and the quantities it is made of.</summary>
/// <param name="Alpha">1 − D_o / D_e; NaN when no unit has two ratings or every pairable value is the same (D_e = 0).</param>
/// <param name="UnitsUsed">Units with at least two ratings (the others are dropped).</param>
/// <param name="PairableValues">n: the ratings in the units used.</param>
/// <param name="ObservedDisagreement">D_o: the mean δ² over pairs of ratings within a unit.</param>
/// <param name="ExpectedDisagreement">D_e: the mean δ² over all pairs of pairable ratings.</param>
public sealed record KrippendorffAlphaResult(double Alpha, int UnitsUsed, int PairableValues, double ObservedDisagreement, double ExpectedDisagreement);

/// <summary>Krippendorff's α for inter-rater reliability with missing ratings, via the coincidence matrix.</summary>
public static class KrippendorffAlpha
{
    /// <summary>α of a units × coders matrix (<c>ratings[unit][coder]</c>, null = not rated; rows may differ in length).</summary>
    public static KrippendorffAlphaResult Compute(IReadOnlyList<IReadOnlyList<double?>> ratings, MeasurementLevel level)
    {
        ArgumentNullException.ThrowIfNull(ratings);
        var units = new List<double[]>();
        for (var u = 0; u < ratings.Count; u++)
        {
            var values = ratings[u].Where(v => v is not null).Select(v => v!.Value).ToArray();
            if (values.Any(double.IsNaN))
                throw new ArgumentException($"Unit {u} has a NaN rating; use null for a missing rating.", nameof(ratings));
            if (values.Length >= 2)
                units.Add(values);
        }

        var domain = units.SelectMany(v => v).Distinct().Order().ToArray();
        var index = domain.Select((v, i) => (v, i)).ToDictionary(t => t.v, t => t.i);
        var coincidence = new double[domain.Length, domain.Length];
        foreach (var unit in units)
        {
            var counts = unit.GroupBy(v => index[v]).ToDictionary(g => g.Key, g => (double)g.Count());
            foreach (var (c, nc) in counts)
            {
                foreach (var (k, nk) in counts)
                    coincidence[c, k] += (c == k ? nc * (nc - 1) : nc * nk) / (unit.Length - 1);
            }
        }

        var marginals = new double[domain.Length];
        for (var c = 0; c < domain.Length; c++)
        {
            for (var k = 0; k < domain.Length; k++)
                marginals[c] += coincidence[c, k];
        }

        var n = marginals.Sum();
        double observed = 0, expected = 0;
        for (var c = 0; c < domain.Length; c++)
        {
            for (var k = 0; k < domain.Length; k++)
            {
                var delta = Difference(level, domain, marginals, c, k);
                observed += coincidence[c, k] * delta;
                expected += marginals[c] * marginals[k] * delta;
            }
        }

        var dObserved = n == 0 ? double.NaN : observed / n;
        var dExpected = n < 2 ? double.NaN : expected / (n * (n - 1));
        var alpha = n < 2 || dExpected == 0 ? double.NaN : 1 - (dObserved / dExpected);
        return new KrippendorffAlphaResult(alpha, units.Count, (int)Math.Round(n), dObserved, dExpected);
    }

    private static double Difference(MeasurementLevel level, double[] domain, double[] marginals, int c, int k)
    {
        if (c == k)
            return 0;
        switch (level)
        {
            case MeasurementLevel.Nominal:
                return 1;
            case MeasurementLevel.Interval:
                return (domain[c] - domain[k]) * (domain[c] - domain[k]);
            case MeasurementLevel.Ratio:
                var sum = domain[c] + domain[k];
                return sum == 0 ? 0 : Math.Pow((domain[c] - domain[k]) / sum, 2);
            case MeasurementLevel.Ordinal:
                var (lo, hi) = c < k ? (c, k) : (k, c);
                var between = 0.0;
                for (var g = lo; g <= hi; g++)
                    between += marginals[g];
                return Math.Pow(between - ((marginals[lo] + marginals[hi]) / 2), 2);
            default:
                throw new ArgumentOutOfRangeException(nameof(level), level, "Unknown level of measurement.");
        }
    }
}
