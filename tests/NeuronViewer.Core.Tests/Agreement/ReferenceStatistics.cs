namespace NeuronViewer.Core.Tests.Agreement;

/// <summary>Second, independent computations written straight from the definitions (quadratic, no sorting tricks) to check the library against.</summary>
public static class ReferenceStatistics
{
    /// <summary>Kendall τ-b by enumerating every pair.</summary>
    public static double KendallTauB(double[] x, double[] y)
    {
        double concordant = 0, discordant = 0, tiedXOnly = 0, tiedYOnly = 0;
        for (var i = 0; i < x.Length; i++)
        {
            for (var j = i + 1; j < x.Length; j++)
            {
                var sx = Math.Sign(x[i] - x[j]);
                var sy = Math.Sign(y[i] - y[j]);
                if (sx == 0 && sy == 0)
                    continue;
                if (sx == 0)
                    tiedXOnly++;
                else if (sy == 0)
                    tiedYOnly++;
                else if (sx == sy)
                    concordant++;
                else
                    discordant++;
            }
        }

        return (concordant - discordant) / Math.Sqrt((concordant + discordant + tiedXOnly) * (concordant + discordant + tiedYOnly));
    }

    /// <summary>Mid-rank of each value: (number smaller) + (number equal + 1) / 2.</summary>
    public static double[] MidRanks(double[] v) =>
        v.Select(a => v.Count(b => b < a) + ((v.Count(b => b == a) + 1) / 2.0)).ToArray();

    /// <summary>Spearman ρ as the textbook Pearson formula on mid-ranks.</summary>
    public static double Spearman(double[] x, double[] y)
    {
        var rx = MidRanks(x);
        var ry = MidRanks(y);
        var n = x.Length;
        double sx = rx.Sum(), sy = ry.Sum(), sxx = rx.Sum(a => a * a), syy = ry.Sum(a => a * a), sxy = rx.Zip(ry, (a, b) => a * b).Sum();
        return ((n * sxy) - (sx * sy)) / Math.Sqrt(((n * sxx) - (sx * sx)) * ((n * syy) - (sy * sy)));
    }

    /// <summary>Krippendorff's α from its pair definition: D_o over ordered pairs of ratings within each unit (weight 1/(m_u−1)), D_e over all ordered pairs of pairable ratings.</summary>
    public static double KrippendorffAlpha(double?[][] ratings, string level)
    {
        var units = ratings.Select(u => u.Where(v => v.HasValue).Select(v => v!.Value).ToArray()).Where(u => u.Length >= 2).ToArray();
        var all = units.SelectMany(u => u).ToArray();
        var n = all.Length;
        double Delta(double a, double b) => level switch
        {
            "nominal" => a == b ? 0 : 1,
            "interval" => (a - b) * (a - b),
            "ratio" => a + b == 0 ? 0 : Math.Pow((a - b) / (a + b), 2),
            "ordinal" => Math.Pow(all.Count(g => g >= Math.Min(a, b) && g <= Math.Max(a, b)) - ((all.Count(g => g == a) + all.Count(g => g == b)) / 2.0), 2),
            _ => throw new ArgumentOutOfRangeException(nameof(level)),
        };
        double observed = 0;
        foreach (var u in units)
        {
            for (var i = 0; i < u.Length; i++)
            {
                for (var j = 0; j < u.Length; j++)
                {
                    if (i != j)
                        observed += Delta(u[i], u[j]) / (u.Length - 1);
                }
            }
        }

        double expected = 0;
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < n; j++)
            {
                if (i != j)
                    expected += Delta(all[i], all[j]);
            }
        }

        return 1 - ((observed / n) / (expected / (n * (n - 1.0))));
    }
}
