namespace NeuronViewer.Core.Scoring;

/// <summary>The scores of spec §9 on paired true (raw) and predicted activations; NaN where the reference's numpy gives NaN.</summary>
public static class ScoreFunctions
{
    /// <summary>
    /// Pearson r (numpy <c>corrcoef</c>), clipped to [−1, 1]. NaN when there are no values or either side is constant (tested
    /// exactly, so a constant such as 0.1 gives NaN rather than the rounding noise numpy can return for it).
    /// </summary>
    public static double EvCorrelation(IReadOnlyList<double> trueActivations, IReadOnlyList<double> predicted)
    {
        Check(trueActivations, predicted);
        var n = trueActivations.Count;
        if (n == 0 || IsConstant(trueActivations) || IsConstant(predicted))
            return double.NaN;
        var meanT = trueActivations.Average();
        var meanP = predicted.Average();
        double stp = 0, stt = 0, spp = 0;
        for (var i = 0; i < n; i++)
        {
            var dt = trueActivations[i] - meanT;
            var dp = predicted[i] - meanP;
            stp += dt * dp;
            stt += dt * dt;
            spp += dp * dp;
        }

        if (stt == 0 || spp == 0)
            return double.NaN;
        var r = stp / Math.Sqrt(stt) / Math.Sqrt(spp);
        return double.IsNaN(r) ? r : Math.Clamp(r, -1.0, 1.0);
    }

    /// <summary>The published R²: <c>1 − mean((t−p)²) / mean(t²)</c> with the UNcentred denominator (D10 kept); −∞ or NaN when t is all zeros, NaN when empty.</summary>
    public static double RSquared(IReadOnlyList<double> trueActivations, IReadOnlyList<double> predicted)
    {
        Check(trueActivations, predicted);
        return 1 - (Mean(trueActivations, predicted, static (t, p) => (t - p) * (t - p)) / Mean(trueActivations, predicted, static (t, _) => t * t));
    }

    /// <summary>The textbook coefficient of determination <c>1 − Σ(t−p)² / Σ(t−t̄)²</c> (not in the reference; offered beside D10).</summary>
    public static double CenteredRSquared(IReadOnlyList<double> trueActivations, IReadOnlyList<double> predicted)
    {
        Check(trueActivations, predicted);
        if (trueActivations.Count == 0)
            return double.NaN;
        var meanT = trueActivations.Average();
        return 1 - (Mean(trueActivations, predicted, static (t, p) => (t - p) * (t - p)) / Mean(trueActivations, predicted, (t, _) => (t - meanT) * (t - meanT)));
    }

    /// <summary><c>1 − mean(|t−p|) / mean(|t|)</c>.</summary>
    public static double AbsoluteDevExplained(IReadOnlyList<double> trueActivations, IReadOnlyList<double> predicted)
    {
        Check(trueActivations, predicted);
        return 1 - (Mean(trueActivations, predicted, static (t, p) => Math.Abs(t - p)) / Mean(trueActivations, predicted, static (t, _) => Math.Abs(t)));
    }

    private static bool IsConstant(IReadOnlyList<double> values)
    {
        for (var i = 1; i < values.Count; i++)
        {
            if (!values[i].Equals(values[0]))
                return false;
        }

        return true;
    }

    private static double Mean(IReadOnlyList<double> t, IReadOnlyList<double> p, Func<double, double, double> term)
    {
        if (t.Count == 0)
            return double.NaN;
        var sum = 0.0;
        for (var i = 0; i < t.Count; i++)
            sum += term(t[i], p[i]);
        return sum / t.Count;
    }

    private static void Check(IReadOnlyList<double> trueActivations, IReadOnlyList<double> predicted)
    {
        ArgumentNullException.ThrowIfNull(trueActivations);
        ArgumentNullException.ThrowIfNull(predicted);
        if (trueActivations.Count != predicted.Count)
            throw new ArgumentException(
                $"Scores need one prediction per true activation: {trueActivations.Count} true activations but {predicted.Count} predictions.");
    }
}
