using NeuronViewer.Core.Abstractions;
using NeuronViewer.Core.Records;
using NeuronViewer.Explainers.Scoring.Interim;

namespace NeuronViewer.Explainers.Scoring;

/// <summary>
/// Scores one explanation of a neuron (spec §4, §8, §9): simulates the calibration and valid splits, fits the
/// calibration, and scores top-and-random and random-only on pooled tokens. Failed sequences are left out of the
/// scores and reported with their raw responses.
/// </summary>
public static class ExplanationScorer
{
    public static async Task<ExplanationScore> ScoreAsync(
        NeuronRecord neuron, string explanation, ISimulator simulator, ScoringOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(neuron);
        ArgumentNullException.ThrowIfNull(simulator);
        options ??= new ScoringOptions();
        var n = options.ExamplesPerSplit;
        var validTop = InterimSlicing.Top(neuron, 2, n);
        var validRandom = InterimSlicing.Random(neuron, 1, n);
        var calibration = options.Calibration == CalibrationKind.None
            ? []
            : InterimSlicing.Top(neuron, 1, n).Concat(InterimSlicing.Random(neuron, 0, n)).ToList();

        var text = explanation.Trim();
        var all = validTop.Concat(validRandom).Concat(calibration).ToList();
        var outcomes = await Task.WhenAll(all.Select(r => simulator.SimulateAsync(text, r.Tokens, cancellationToken))).ConfigureAwait(false);
        var usage = outcomes.Aggregate(Usage.None, (sum, o) => sum + o.Usage);

        var fit = Fit(options.Calibration, calibration, outcomes.Skip(validTop.Count + validRandom.Count).ToList());
        var failures = new List<FailedSimulation>();
        var top = Scored("top", validTop, outcomes.Take(validTop.Count), fit, failures);
        var random = Scored("random", validRandom, outcomes.Skip(validTop.Count).Take(validRandom.Count), fit, failures);
        failures.AddRange(outcomes.Skip(validTop.Count + validRandom.Count).Select((o, i) => (o, i)).Where(x => !x.o.Succeeded)
            .Select(x => new FailedSimulation("calibration", x.i, x.o.FailureReason!, x.o.RawResponse)));

        var provenance = new ScoringProvenance(simulator.Info, options.Seed, DateTimeOffset.UtcNow, usage, CostEstimator.Estimate(usage, simulator.Info.Model, options.Prices));
        return new ExplanationScore(text, Aggregate([.. top, .. random]), Aggregate(random), failures, fit, provenance);
    }

    private static CalibrationFit? Fit(CalibrationKind kind, List<ActivationRecord> records, List<SimulationOutcome> outcomes)
    {
        if (kind == CalibrationKind.None)
            return null;
        var pairs = records.Zip(outcomes).Where(p => p.Second.Succeeded).ToList();
        var x = pairs.SelectMany(p => p.Second.Simulation!.ExpectedActivations).ToList();
        var y = pairs.SelectMany(p => p.First.Activations).ToList();
        if (x.Count == 0)
            return null;
        var line = InterimLinearCalibration.Fit(x, y);
        return new CalibrationFit(kind, line.Slope, line.Intercept, x.Count);
    }

    private static List<(ScoredSequenceSimulation Calibrated, IReadOnlyList<double> Uncalibrated)> Scored(
        string split, IReadOnlyList<ActivationRecord> records, IEnumerable<SimulationOutcome> outcomes, CalibrationFit? fit, List<FailedSimulation> failures)
    {
        var result = new List<(ScoredSequenceSimulation, IReadOnlyList<double>)>();
        foreach (var (outcome, i) in outcomes.Select((o, i) => (o, i)))
        {
            if (!outcome.Succeeded)
            {
                failures.Add(new FailedSimulation(split, i, outcome.FailureReason!, outcome.RawResponse));
                continue;
            }
            var sim = outcome.Simulation!;
            if (sim.ExpectedActivations.Count != records[i].Activations.Count)
            {
                failures.Add(new FailedSimulation(split, i, $"the simulation has {sim.ExpectedActivations.Count} values for {records[i].Activations.Count} tokens", outcome.RawResponse));
                continue;
            }
            result.Add((InterimScores.ScoreSequence(Calibrate(sim, fit), records[i].Activations), sim.ExpectedActivations));
        }
        return result;
    }

    /// <summary>Maps EVs and distribution values through the fit; the result is in neuron units and keeps the original.</summary>
    private static SequenceSimulation Calibrate(SequenceSimulation sim, CalibrationFit? fit)
    {
        if (fit is null)
            return sim;
        double Map(double v) => fit.Slope * v + fit.Intercept;
        return new SequenceSimulation(sim.Tokens, [.. sim.ExpectedActivations.Select(Map)], ActivationScale.NeuronActivations,
            [.. sim.DistributionValues.Select(d => (IReadOnlyList<double>)[.. d.Select(Map)])], sim.DistributionProbabilities, sim);
    }

    /// <summary>
    /// Pooled scores; the correlation uses the uncalibrated EVs (the same as calibrated ones when the slope is positive,
    /// and not flipped in sign when it is negative), R² and absolute deviation the calibrated values.
    /// </summary>
    private static ScoredSimulation Aggregate(List<(ScoredSequenceSimulation Calibrated, IReadOnlyList<double> Uncalibrated)> sequences)
    {
        var pooled = InterimScores.Aggregate([.. sequences.Select(s => s.Calibrated)]);
        var truth = sequences.SelectMany(s => s.Calibrated.TrueActivations).ToList();
        var predicted = sequences.SelectMany(s => s.Uncalibrated).ToList();
        return pooled with { EvCorrelationScore = truth.Count == 0 ? null : InterimScores.Correlation(truth, predicted) };
    }
}
