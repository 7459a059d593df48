using NeuronViewer.Core.Json;
using NeuronViewer.Core.Records;
using NeuronViewer.Core.Scoring;

namespace NeuronViewer.Core.Tests.Scoring;

/// <summary>Spec §9 (test vectors §19.4 and §19.5).</summary>
public class ScoringTests
{
    private static SequenceSimulation Simulation(params double[] ev) =>
        new(ev.Select((_, i) => $"t{i}").ToArray(), ev, ActivationScale.SimulatedNormalizedActivations, [], []);

    private static ActivationRecord Record(params double[] activations) => new(activations.Select((_, i) => $"t{i}").ToArray(), activations);

    [Fact]
    public void Aggregation_spec_vector_pools_tokens()
    {
        var scored = SimulationScoring.Score([Record(0.1, 0.3), Record(0.1, 0.3)], [Simulation(1, 2), Simulation(1, 2)]);

        Assert.Equal(1.0, scored.EvCorrelationScore!.Value, 12);
        Assert.Equal(-36.0, scored.RsquaredScore!.Value, 9);
        Assert.Equal(-5.5, scored.AbsoluteDevExplainedScore!.Value, 12);
        Assert.Equal(scored.EvCorrelationScore, scored.PreferredScore);
        Assert.Equal(2, scored.ScoredSequenceSimulations.Count);
        Assert.Equal([0.1, 0.3], scored.ScoredSequenceSimulations[1].TrueActivations);
    }

    [Fact]
    public void Pooled_score_is_not_the_mean_of_per_sequence_scores()
    {
        var scored = SimulationScoring.Score([Record(0, 1), Record(10, 11)], [Simulation(0, 1), Simulation(1, 0)]);
        Assert.Equal(1.0, scored.ScoredSequenceSimulations[0].EvCorrelationScore, 12);
        Assert.Equal(-1.0, scored.ScoredSequenceSimulations[1].EvCorrelationScore, 12);
        // Pooled: truth (0, 1, 10, 11) against (0, 1, 1, 0).
        Assert.Equal(0.0, scored.EvCorrelationScore!.Value, 12);
    }

    [Fact]
    public void Constant_prediction_gives_NaN_written_as_null()
    {
        var sequence = SimulationScoring.ScoreSequence(Record(0.1, 0.3), Simulation(0.1, 0.1));
        Assert.True(double.IsNaN(sequence.EvCorrelationScore));
        Assert.Contains("\"ev_correlation_score\":null", OpenAiJson.Serialize(sequence), StringComparison.Ordinal);
        var pooled = SimulationScoring.Aggregate([sequence]);
        Assert.True(double.IsNaN(pooled.EvCorrelationScore!.Value));
        Assert.Contains("\"ev_correlation_score\":null", OpenAiJson.Serialize(pooled), StringComparison.Ordinal);
    }

    [Fact]
    public void No_tokens_give_a_null_correlation_and_NaN_other_scores()
    {
        var empty = SimulationScoring.Aggregate([]);
        Assert.Null(empty.EvCorrelationScore);
        Assert.True(double.IsNaN(empty.RsquaredScore!.Value));
        Assert.True(double.IsNaN(empty.AbsoluteDevExplainedScore!.Value));
    }

    [Fact]
    public void R_squared_is_uncentred_and_the_centred_one_has_another_name_D10()
    {
        double[] truth = [1, 2, 3];
        double[] predicted = [2, 2, 2];
        Assert.Equal(1 - ((1.0 + 0 + 1) / 3 / ((1.0 + 4 + 9) / 3)), ScoreFunctions.RSquared(truth, predicted), 12);
        Assert.Equal(0.0, ScoreFunctions.CenteredRSquared(truth, predicted), 12);
        Assert.Equal(1.0, ScoreFunctions.CenteredRSquared(truth, truth), 12);
        Assert.Equal(double.NegativeInfinity, ScoreFunctions.RSquared([0, 0], [1, 1]));
        Assert.True(double.IsNaN(ScoreFunctions.RSquared([0, 0], [0, 0])));
        Assert.Equal(1 - (2.0 / 3 / 2), ScoreFunctions.AbsoluteDevExplained(truth, predicted), 12);
    }

    [Fact]
    public void Mismatched_lengths_are_an_error()
    {
        var e = Assert.Throws<ArgumentException>(() => ScoreFunctions.EvCorrelation([1, 2, 3], [1, 2]));
        Assert.Contains("3 true activations but 2 predictions", e.Message, StringComparison.Ordinal);
        var s = Assert.Throws<ArgumentException>(() => SimulationScoring.ScoreSequence(Record(1, 2), Simulation(1)));
        Assert.Contains("The simulation has 1 expected values but the record has 2 tokens", s.Message, StringComparison.Ordinal);
        var all = Assert.Throws<ArgumentException>(() => SimulationScoring.Score([Record(1)], []));
        Assert.Contains("1 records but 0 simulations", all.Message, StringComparison.Ordinal);
    }
}
