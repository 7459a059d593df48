using NeuronViewer.Core.Records;

namespace NeuronViewer.Explainers.Scoring.Interim;

// Minimal stand-ins for Core's expected value, slicing, calibration and scoring (spec §4, §7.1, §8, §9), which the
// `core` branch is writing. Internal on purpose: once Core's versions land, callers switch to them and this file goes.

/// <summary>Spec §7.1: expected value and distribution from one position's top log-probabilities ("0".."10" exact).</summary>
internal static class InterimExpectedValue
{
    public static (double Ev, List<double> Values, List<double> Probabilities) FromTopLogprobs(IEnumerable<KeyValuePair<string, double>> topLogprobs)
    {
        var values = new List<double>();
        var probabilities = new List<double>();
        foreach (var (token, logprob) in topLogprobs)
        {
            if (token.Length is 0 or > 2 || !int.TryParse(token, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var v)
                || v > 10 || token != v.ToString(System.Globalization.CultureInfo.InvariantCulture))
                continue;
            values.Add(v);
            probabilities.Add(Math.Exp(logprob));
        }
        var total = probabilities.Sum();
        if (total <= 0)
            return (0.0, [], []);
        for (var i = 0; i < probabilities.Count; i++)
            probabilities[i] /= total;
        return (values.Zip(probabilities, (v, q) => v * q).Sum(), values, probabilities);
    }
}

/// <summary>Spec §4: interleaved splits of a neuron's records.</summary>
internal static class InterimSlicing
{
    public static IReadOnlyList<ActivationRecord> Top(NeuronRecord n, int split, int? perSplit = null) =>
        Take(n.MostPositiveActivationRecords, split, 4, perSplit);

    public static IReadOnlyList<ActivationRecord> Random(NeuronRecord n, int split, int? perSplit = null) =>
        Take(n.RandomSample, split, 3, perSplit);

    private static List<ActivationRecord> Take(IReadOnlyList<ActivationRecord> records, int split, int splits, int? perSplit)
    {
        var n = perSplit ?? records.Count / splits;
        if (records.Count < n * splits)
            throw new ArgumentException($"{records.Count} records are too few for {splits} splits of {n}.");
        return [.. Enumerable.Range(0, n).Select(i => records[split + i * splits])];
    }
}

/// <summary>Spec §8: ordinary least squares from simulated EV to true activation.</summary>
internal sealed record InterimLinearCalibration(double Slope, double Intercept)
{
    public static InterimLinearCalibration Fit(IReadOnlyList<double> simulated, IReadOnlyList<double> truth)
    {
        if (simulated.Count == 0)
            return new InterimLinearCalibration(1, 0);
        double mx = simulated.Average(), my = truth.Average(), sxy = 0, sxx = 0;
        for (var i = 0; i < simulated.Count; i++)
        {
            sxy += (simulated[i] - mx) * (truth[i] - my);
            sxx += (simulated[i] - mx) * (simulated[i] - mx);
        }
        var slope = sxx == 0 ? 0 : sxy / sxx;
        return new InterimLinearCalibration(slope, my - slope * mx);
    }

    public double Apply(double x) => Slope * x + Intercept;
}

/// <summary>Spec §9: correlation, uncentred R² and absolute deviation explained.</summary>
internal static class InterimScores
{
    public static double Correlation(IReadOnlyList<double> r, IReadOnlyList<double> p)
    {
        if (r.Count != p.Count)
            throw new ArgumentException("Lengths differ.");
        if (r.Count == 0)
            return double.NaN;
        double mr = r.Average(), mp = p.Average(), srp = 0, srr = 0, spp = 0;
        for (var i = 0; i < r.Count; i++)
        {
            srp += (r[i] - mr) * (p[i] - mp);
            srr += (r[i] - mr) * (r[i] - mr);
            spp += (p[i] - mp) * (p[i] - mp);
        }
        return srr == 0 || spp == 0 ? double.NaN : srp / Math.Sqrt(srr * spp);
    }

    public static double RSquared(IReadOnlyList<double> r, IReadOnlyList<double> p) =>
        1 - r.Zip(p, (a, b) => (a - b) * (a - b)).DefaultIfEmpty(double.NaN).Average() / r.Select(a => a * a).DefaultIfEmpty(double.NaN).Average();

    public static double AbsoluteDevExplained(IReadOnlyList<double> r, IReadOnlyList<double> p) =>
        1 - r.Zip(p, (a, b) => Math.Abs(a - b)).DefaultIfEmpty(double.NaN).Average() / r.Select(Math.Abs).DefaultIfEmpty(double.NaN).Average();

    public static ScoredSequenceSimulation ScoreSequence(SequenceSimulation simulation, IReadOnlyList<double> truth) =>
        new(simulation, truth, Correlation(truth, simulation.ExpectedActivations),
            RSquared(truth, simulation.ExpectedActivations), AbsoluteDevExplained(truth, simulation.ExpectedActivations));

    public static ScoredSimulation Aggregate(IReadOnlyList<ScoredSequenceSimulation> sequences)
    {
        var r = sequences.SelectMany(s => s.TrueActivations).ToList();
        var p = sequences.SelectMany(s => s.Simulation.ExpectedActivations).ToList();
        return new ScoredSimulation(sequences, r.Count == 0 ? null : Correlation(r, p), RSquared(r, p), AbsoluteDevExplained(r, p));
    }
}
