using NeuronViewer.Core.Abstractions;
using NeuronViewer.Core.Calibration;
using NeuronViewer.Core.Records;
using NeuronViewer.Core.Scoring;
using NeuronViewer.Core.Slicing;

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
        var slice = new ActivationRecordSliceParams(options.ExamplesPerSplit);
        // The valid split is its top records followed by its random records; random-only is that tail.
        var valid = neuron.EvaluationRecords(slice, EvaluationSet.TopAndRandom);
        var topCount = valid.Count - neuron.EvaluationRecords(slice, EvaluationSet.RandomOnly).Count;
        var calibration = options.Calibration == CalibrationMethod.None ? [] : neuron.CalibrationActivationRecords(slice);

        var text = explanation.Trim();
        var all = valid.Concat(calibration).ToList();
        var outcomes = await Task.WhenAll(all.Select(r => simulator.SimulateAsync(text, r.Tokens, cancellationToken))).ConfigureAwait(false);
        var usage = outcomes.Aggregate(Usage.None, (sum, o) => sum + o.Usage);

        var failures = new List<FailedSimulation>();
        var top = Usable("top", valid.Take(topCount).ToList(), outcomes[..topCount], failures);
        var random = Usable("random", valid.Skip(topCount).ToList(), outcomes[topCount..valid.Count], failures);
        var fit = Fit(options.Calibration, Usable("calibration", calibration, outcomes[valid.Count..], failures));
        var scoredTop = Scored(top, fit);
        var scoredRandom = Scored(random, fit);

        var provenance = new ScoringProvenance(simulator.Info, options.Seed, DateTimeOffset.UtcNow, usage, CostEstimator.Estimate(usage, simulator.Info.Model, options.Prices));
        return new ExplanationScore(text, Aggregate([.. scoredTop, .. scoredRandom]), Aggregate(scoredRandom), failures, fit, provenance);
    }

    private static List<(ScoredSequenceSimulation Scored, IReadOnlyList<double> Uncalibrated)> Scored(
        List<(ActivationRecord Record, SequenceSimulation Simulation)> usable, CalibrationFit? fit) =>
        [.. usable.Select(x => (SimulationScoring.ScoreSequence(fit is null ? x.Simulation : fit.Mapping.Apply(x.Simulation), x.Record.Activations),
            x.Simulation.ExpectedActivations))];

    /// <summary>The successful simulations whose length matches their record; the rest are recorded as failures of <paramref name="split"/>.</summary>
    private static List<(ActivationRecord Record, SequenceSimulation Simulation)> Usable(
        string split, IReadOnlyList<ActivationRecord> records, SimulationOutcome[] outcomes, List<FailedSimulation> failures)
    {
        var usable = new List<(ActivationRecord, SequenceSimulation)>();
        for (var i = 0; i < records.Count; i++)
        {
            var outcome = outcomes[i];
            if (!outcome.Succeeded)
                failures.Add(new FailedSimulation(split, i, outcome.FailureReason!, outcome.RawResponse));
            else if (outcome.Simulation!.ExpectedActivations.Count != records[i].Activations.Count)
                failures.Add(new FailedSimulation(split, i, $"the simulation has {outcome.Simulation.ExpectedActivations.Count} values for {records[i].Activations.Count} tokens", outcome.RawResponse));
            else
                usable.Add((records[i], outcome.Simulation));
        }
        return usable;
    }

    private static CalibrationFit? Fit(CalibrationMethod method, List<(ActivationRecord Record, SequenceSimulation Simulation)> pairs)
    {
        if (method == CalibrationMethod.None || pairs.Count == 0)
            return null;
        var simulated = pairs.SelectMany(p => p.Simulation.ExpectedActivations).ToList();
        var truth = pairs.SelectMany(p => p.Record.Activations).ToList();
        return simulated.Count == 0 ? null : new CalibrationFit(Calibrations.Fit(method, simulated, truth), simulated.Count);
    }

    /// <summary>
    /// Pooled scores (<see cref="SimulationScoring.Aggregate"/>); the correlation uses the uncalibrated EVs (the same as calibrated
    /// ones when the slope is positive, and not flipped in sign when it is negative), R² and absolute deviation the calibrated values.
    /// </summary>
    private static ScoredSimulation Aggregate(List<(ScoredSequenceSimulation Scored, IReadOnlyList<double> Uncalibrated)> sequences)
    {
        var pooled = SimulationScoring.Aggregate([.. sequences.Select(s => s.Scored)]);
        var truth = sequences.SelectMany(s => s.Scored.TrueActivations).ToList();
        var predicted = sequences.SelectMany(s => s.Uncalibrated).ToList();
        return pooled with { EvCorrelationScore = truth.Count == 0 ? null : ScoreFunctions.EvCorrelation(truth, predicted) };
    }
}
