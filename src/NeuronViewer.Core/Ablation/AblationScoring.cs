namespace NeuronViewer.Core.Ablation;

/// <summary>An explanation's ablation score on one evaluation set, with the two mean divergences it comes from (spec §15.2).</summary>
/// <param name="Score">1 − <paramref name="DSimulated"/> / <paramref name="DMeanAblated"/>; null when <paramref name="NullReason"/> is set.</param>
/// <param name="DSimulated">Mean divergence per position with the neuron replaced by the calibrated simulation.</param>
/// <param name="DMeanAblated">Mean divergence per position with the neuron pinned to its mean activation.</param>
/// <param name="Divergence">Which divergence the means are of.</param>
/// <param name="Records">Excerpts that took part.</param>
/// <param name="Positions">Token positions that took part (the divergences are means over these).</param>
/// <param name="NullReason">Why there is no score (no positions, or the mean-ablated divergence is about 0); null when scored.</param>
public sealed record AblationResult(
    double? Score, double DSimulated, double DMeanAblated, DivergenceKind Divergence, int Records, int Positions, string? NullReason);

/// <summary>The ablation score from per-position divergences: 1 − D(simulated) / D(mean-ablated), pooled over excerpts and positions.</summary>
public static class AblationScoring
{
    /// <summary>
    /// Mean-ablated divergences below this many nats per position count as zero and give a null score. Float32 logits put a
    /// rounding floor of about 1e-13 nats under a divergence; 1e-10 is a thousand times that, so a ratio taken above it is
    /// accurate to about 0.1%.
    /// </summary>
    public const double NullThreshold = 1e-10;

    /// <summary>
    /// Pools the divergences of every position of every excerpt (a mean over positions, not a mean of per-excerpt means) and
    /// scores them. <paramref name="simulated"/>[i] and <paramref name="meanAblated"/>[i] are the same excerpt's positions.
    /// </summary>
    public static AblationResult Score(
        IReadOnlyList<IReadOnlyList<double>> simulated, IReadOnlyList<IReadOnlyList<double>> meanAblated, DivergenceKind kind)
    {
        ArgumentNullException.ThrowIfNull(simulated);
        ArgumentNullException.ThrowIfNull(meanAblated);
        if (simulated.Count != meanAblated.Count)
            throw new ArgumentException($"Expected the same excerpts on both sides: {simulated.Count} simulated but {meanAblated.Count} mean-ablated.");
        double sumSimulated = 0, sumMean = 0;
        var positions = 0;
        for (var i = 0; i < simulated.Count; i++)
        {
            if (simulated[i].Count != meanAblated[i].Count)
                throw new ArgumentException($"Excerpt {i} has {simulated[i].Count} simulated divergences but {meanAblated[i].Count} mean-ablated ones.");
            for (var t = 0; t < simulated[i].Count; t++)
            {
                sumSimulated += Checked(simulated[i][t], i, t);
                sumMean += Checked(meanAblated[i][t], i, t);
            }

            positions += simulated[i].Count;
        }

        return positions == 0
            ? new AblationResult(null, double.NaN, double.NaN, kind, simulated.Count, 0, "no position could be scored (every excerpt's simulation failed or was empty)")
            : Score(sumSimulated / positions, sumMean / positions, kind, simulated.Count, positions);
    }

    /// <summary>Scores two mean divergences, applying the null rule (see <see cref="NullThreshold"/>).</summary>
    public static AblationResult Score(double dSimulated, double dMeanAblated, DivergenceKind kind, int records, int positions)
    {
        if (double.IsNaN(dSimulated) || double.IsNaN(dMeanAblated) || dSimulated < 0 || dMeanAblated < 0)
            throw new ArgumentException($"Mean divergences must be non-negative numbers, not {dSimulated} and {dMeanAblated}.");
        string? reason = null;
        if (double.IsPositiveInfinity(dMeanAblated))
            reason = "the mean-ablated divergence is infinite (the ablated model gives zero probability to a possible token)";
        else if (dMeanAblated < NullThreshold)
            reason = $"the mean-ablated divergence ({dMeanAblated:G3} nats per position) is below {NullThreshold:G1}: pinning the neuron to its mean barely changes the output, so there is nothing to compare with";
        var score = reason is null ? 1 - (dSimulated / dMeanAblated) : (double?)null;
        return new AblationResult(score, dSimulated, dMeanAblated, kind, records, positions, reason);
    }

    private static double Checked(double value, int excerpt, int position) =>
        double.IsNaN(value) || value < 0
            ? throw new ArgumentException($"Divergence at excerpt {excerpt}, position {position} is {value}; divergences are non-negative.")
            : value;
}
