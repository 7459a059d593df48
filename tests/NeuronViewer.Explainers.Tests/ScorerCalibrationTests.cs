using NeuronViewer.Core.Abstractions;
using NeuronViewer.Core.Calibration;
using NeuronViewer.Core.Records;
using NeuronViewer.Explainers.Offline;
using NeuronViewer.Explainers.Scoring;

namespace NeuronViewer.Explainers.Tests;

/// <summary>The scorer's calibration is Core's: every <see cref="CalibrationMethod"/>, and a wrong-length simulation is a failure.</summary>
public sealed class ScorerCalibrationTests
{
    [Fact]
    public async Task Each_core_calibration_method_is_applied_and_none_keeps_the_simulator_scale()
    {
        var neuron = BaselineAndScoringTests.OfNeuron();
        async Task<ExplanationScore> Score(CalibrationMethod m) =>
            await ExplanationScorer.ScoreAsync(neuron, "the token \"of\"", new LexicalSimulator(), new ScoringOptions { ExamplesPerSplit = 5, Calibration = m });

        var none = await Score(CalibrationMethod.None);
        Assert.Null(none.Calibration);
        Assert.All(none.TopAndRandom.ScoredSequenceSimulations, s => Assert.Equal(ActivationScale.SimulatedNormalizedActivations, s.Simulation.ActivationScale));

        var linear = await Score(CalibrationMethod.Linear);
        var percentile = await Score(CalibrationMethod.PercentileMatching);
        Assert.IsType<LinearCalibration>(linear.Calibration!.Mapping);
        Assert.Equal(CalibrationMethod.PercentileMatching, percentile.Calibration!.Method);
        Assert.True(double.IsNaN(percentile.Calibration.Slope));
        Assert.Equal(10 * 12, percentile.Calibration.Tokens);
        // The simulated 10 maps to the largest calibration activation (4.0), and the correlation does not depend on the map.
        var ofToken = percentile.TopAndRandom.ScoredSequenceSimulations.SelectMany(s => s.Simulation.Tokens.Zip(s.Simulation.ExpectedActivations)).First(p => p.First == " of");
        Assert.Equal(4.0, ofToken.Second);
        Assert.Equal(none.PreferredScore, percentile.PreferredScore);
        Assert.Equal(none.PreferredScore, linear.PreferredScore);
    }

    /// <summary>Answers every request with one value too few.</summary>
    private sealed class ShortSimulator : ISimulator
    {
        public BackendInfo Info { get; } = new("test", "short", "v1", false);

        public Task<SimulationOutcome> SimulateAsync(string explanation, IReadOnlyList<string> tokens, CancellationToken cancellationToken = default) =>
            Task.FromResult(SimulationOutcome.Success(
                new SequenceSimulation(tokens, [.. tokens.Skip(1).Select(_ => 0.0)], ActivationScale.SimulatedNormalizedActivations, [], []), Usage.None, "short reply"));
    }

    [Fact]
    public async Task A_simulation_of_the_wrong_length_is_a_failure_in_every_split_including_calibration()
    {
        var score = await ExplanationScorer.ScoreAsync(BaselineAndScoringTests.OfNeuron(), "x", new ShortSimulator(), new ScoringOptions { ExamplesPerSplit = 5 });
        Assert.Equal(20, score.FailedSequences);
        Assert.Equal(10, score.Failures.Count(f => f.Split == "calibration"));
        Assert.All(score.Failures, f => Assert.Contains("11 values for 12 tokens", f.Reason, StringComparison.Ordinal));
        Assert.Null(score.Calibration);
        Assert.Null(score.PreferredScore);
    }
}
