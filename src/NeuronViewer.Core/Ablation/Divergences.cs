namespace NeuronViewer.Core.Ablation;

/// <summary>Which divergence compares the original next-token distribution with an ablated one (spec §15.2).</summary>
public enum DivergenceKind
{
    /// <summary>Jensen–Shannon divergence, natural log, bounded by ln 2 (the default).</summary>
    Jsd,

    /// <summary>Kullback–Leibler divergence KL(original ‖ ablated), natural log, unbounded.</summary>
    Kl,
}

/// <summary>Divergences between distributions given as natural-log probabilities, computed in log space in float64.</summary>
public static class Divergences
{
    /// <summary>ln 2, the upper bound of the Jensen–Shannon divergence in nats.</summary>
    public const double Ln2 = 0.69314718055994530942;

    /// <summary>The name stored and printed with a result: "jsd" or "kl".</summary>
    public static string Name(this DivergenceKind kind) => kind switch
    {
        DivergenceKind.Jsd => "jsd",
        DivergenceKind.Kl => "kl",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown divergence."),
    };

    /// <summary>Parses "jsd" or "kl" (any case); a clear ArgumentException otherwise.</summary>
    public static DivergenceKind Parse(string name) => name?.Trim().ToUpperInvariant() switch
    {
        "JSD" => DivergenceKind.Jsd,
        "KL" => DivergenceKind.Kl,
        _ => throw new ArgumentException($"Unknown divergence '{name}'; use jsd or kl."),
    };

    /// <summary>The divergence of <paramref name="kind"/> between P and Q (P is the original distribution).</summary>
    public static double Of(DivergenceKind kind, ReadOnlySpan<double> logP, ReadOnlySpan<double> logQ) => kind switch
    {
        DivergenceKind.Jsd => JensenShannon(logP, logQ),
        DivergenceKind.Kl => KullbackLeibler(logP, logQ),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown divergence."),
    };

    /// <summary>
    /// JSD(P, Q) = ½ Σ p·ln(p/m) + q·ln(q/m) with m = (p + q)/2, written per element with d = ln q − ln p as
    /// p·(ln 2 − softplus(d)) + q·(ln 2 − softplus(−d)), which needs no exp of a sum and stays exact for P ≈ Q.
    /// Zero-probability entries (ln p = −∞) contribute nothing on their own side. Clamped to [0, ln 2] against rounding.
    /// </summary>
    public static double JensenShannon(ReadOnlySpan<double> logP, ReadOnlySpan<double> logQ)
    {
        Check(logP, logQ);
        double sum = 0;
        for (var i = 0; i < logP.Length; i++)
        {
            double a = logP[i], b = logQ[i];
            if (a > double.NegativeInfinity)
                sum += Math.Exp(a) * (Ln2 - Softplus(b - a));
            if (b > double.NegativeInfinity)
                sum += Math.Exp(b) * (Ln2 - Softplus(a - b));
        }

        return Math.Clamp(0.5 * sum, 0, Ln2);
    }

    /// <summary>KL(P ‖ Q) = Σ p·(ln p − ln q); +∞ when Q gives zero probability where P does not. Clamped at 0 against rounding.</summary>
    public static double KullbackLeibler(ReadOnlySpan<double> logP, ReadOnlySpan<double> logQ)
    {
        Check(logP, logQ);
        double sum = 0;
        for (var i = 0; i < logP.Length; i++)
        {
            if (logP[i] > double.NegativeInfinity)
                sum += Math.Exp(logP[i]) * (logP[i] - logQ[i]);
        }

        return Math.Max(0, sum);
    }

    /// <summary>ln(1 + eˣ) without overflow, and accurate near 0.</summary>
    public static double Softplus(double x) => x > 0 ? x + Log1P(Math.Exp(-x)) : Log1P(Math.Exp(x));

    /// <summary>ln(1 + x), accurate for small x (the runtime's LogP1 computes ln(x + 1) directly).</summary>
    public static double Log1P(double x)
    {
        var u = 1.0 + x;
        return u == 1.0 ? x : Math.Log(u) * x / (u - 1.0);
    }

    private static void Check(ReadOnlySpan<double> logP, ReadOnlySpan<double> logQ)
    {
        if (logP.Length != logQ.Length)
            throw new ArgumentException($"Both distributions need the same support: {logP.Length} log-probabilities against {logQ.Length}.");
        if (logP.Length == 0)
            throw new ArgumentException("A divergence needs at least one outcome.");
        foreach (var v in logP)
        {
            if (double.IsNaN(v) || v == double.PositiveInfinity)
                throw new ArgumentException($"Log-probabilities must be finite or −∞, not {v}.");
        }

        foreach (var v in logQ)
        {
            if (double.IsNaN(v) || v == double.PositiveInfinity)
                throw new ArgumentException($"Log-probabilities must be finite or −∞, not {v}.");
        }
    }
}
