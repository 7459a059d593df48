using NeuronViewer.Core.Records;

namespace NeuronViewer.Core.Scoring;

/// <summary>Scoring simulations against activation records: per sequence, and pooled over all tokens (spec §9).</summary>
public static class SimulationScoring
{
    /// <summary>One sequence's scores; the true activations are the record's raw values.</summary>
    public static ScoredSequenceSimulation ScoreSequence(ActivationRecord record, SequenceSimulation simulation)
    {
        ArgumentNullException.ThrowIfNull(record);
        return ScoreSequence(simulation, record.Activations);
    }

    /// <summary>One sequence's scores against raw true activations (one per simulated token).</summary>
    public static ScoredSequenceSimulation ScoreSequence(SequenceSimulation simulation, IReadOnlyList<double> trueActivations)
    {
        ArgumentNullException.ThrowIfNull(simulation);
        ArgumentNullException.ThrowIfNull(trueActivations);
        var predicted = simulation.ExpectedActivations;
        if (trueActivations.Count != predicted.Count)
        {
            throw new ArgumentException(
                $"The simulation has {predicted.Count} expected values but the record has {trueActivations.Count} tokens.");
        }

        return new ScoredSequenceSimulation(
            simulation,
            trueActivations,
            ScoreFunctions.EvCorrelation(trueActivations, predicted),
            ScoreFunctions.RSquared(trueActivations, predicted),
            ScoreFunctions.AbsoluteDevExplained(trueActivations, predicted));
    }

    /// <summary>
    /// Scores computed once on the concatenation of every sequence's true activations and expected values (not an average of
    /// per-sequence scores). The correlation is null when there are no tokens; R² and absolute deviation are then NaN.
    /// </summary>
    public static ScoredSimulation Aggregate(IReadOnlyList<ScoredSequenceSimulation> sequences)
    {
        ArgumentNullException.ThrowIfNull(sequences);
        var truth = sequences.SelectMany(s => s.TrueActivations).ToArray();
        var predicted = sequences.SelectMany(s => s.Simulation.ExpectedActivations).ToArray();
        return new ScoredSimulation(
            sequences,
            truth.Length > 0 ? ScoreFunctions.EvCorrelation(truth, predicted) : null,
            ScoreFunctions.RSquared(truth, predicted),
            ScoreFunctions.AbsoluteDevExplained(truth, predicted));
    }

    /// <summary>Scores each record with its simulation (same order), then aggregates.</summary>
    public static ScoredSimulation Score(IReadOnlyList<ActivationRecord> records, IReadOnlyList<SequenceSimulation> simulations)
    {
        ArgumentNullException.ThrowIfNull(records);
        ArgumentNullException.ThrowIfNull(simulations);
        if (records.Count != simulations.Count)
            throw new ArgumentException($"Expected one simulation per record: {records.Count} records but {simulations.Count} simulations.");
        return Aggregate(records.Select((r, i) => ScoreSequence(r, simulations[i])).ToArray());
    }
}
