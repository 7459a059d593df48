using NeuronViewer.Core.Ablation;
using NeuronViewer.Core.Records;

namespace NeuronViewer.Core.Tests.Ablation;

/// <summary>The ablation score, its pooling over positions, its null rule, and the mean-ablation constant.</summary>
public class AblationScoringTests
{
    [Fact]
    public void Score_is_one_minus_the_ratio_of_pooled_position_means()
    {
        // Excerpt 0 has one position, excerpt 1 three: pooling weights positions, not excerpts.
        double[][] simulated = [[0.4], [0.0, 0.0, 0.0]];
        double[][] mean = [[0.4], [0.4, 0.4, 0.4]];
        var r = AblationScoring.Score(simulated, mean, DivergenceKind.Jsd);
        Assert.Equal(0.1, r.DSimulated, tolerance: 1e-15);
        Assert.Equal(0.4, r.DMeanAblated, tolerance: 1e-15);
        Assert.Equal(0.75, r.Score!.Value, tolerance: 1e-15); // a mean of per-excerpt means would give 1 − 0.2/0.4 = 0.5
        Assert.Equal((2, 4, DivergenceKind.Jsd), (r.Records, r.Positions, r.Divergence));
        Assert.Null(r.NullReason);
    }

    [Fact]
    public void Perfect_constant_and_worse_than_constant_simulations()
    {
        Assert.Equal(1.0, AblationScoring.Score(0, 0.02, DivergenceKind.Kl, 1, 5).Score);
        Assert.Equal(0.0, AblationScoring.Score(0.02, 0.02, DivergenceKind.Kl, 1, 5).Score);
        Assert.Equal(-1.0, AblationScoring.Score(0.04, 0.02, DivergenceKind.Kl, 1, 5).Score!.Value, tolerance: 1e-15);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(9e-11)]
    [InlineData(double.PositiveInfinity)]
    public void Mean_ablated_divergence_of_about_zero_or_infinity_gives_null_with_a_reason(double dMean)
    {
        var r = AblationScoring.Score(1e-12, dMean, DivergenceKind.Jsd, 3, 30);
        Assert.Null(r.Score);
        Assert.Contains("mean-ablated divergence", r.NullReason);
        Assert.Equal(dMean, r.DMeanAblated);
        Assert.NotNull(AblationScoring.Score(1e-12, 2 * AblationScoring.NullThreshold, DivergenceKind.Jsd, 3, 30).Score);
    }

    [Fact]
    public void No_positions_gives_null_and_bad_input_is_rejected()
    {
        var r = AblationScoring.Score([], [], DivergenceKind.Jsd);
        Assert.Null(r.Score);
        Assert.Equal(0, r.Positions);
        Assert.Contains("no position", r.NullReason);
        Assert.Throws<ArgumentException>(() => AblationScoring.Score([[0.1]], [], DivergenceKind.Jsd));
        Assert.Throws<ArgumentException>(() => AblationScoring.Score([[0.1, 0.2]], [[0.1]], DivergenceKind.Jsd));
        Assert.Throws<ArgumentException>(() => AblationScoring.Score([[double.NaN]], [[0.1]], DivergenceKind.Jsd));
        Assert.Throws<ArgumentException>(() => AblationScoring.Score([[-0.1]], [[0.1]], DivergenceKind.Jsd));
    }

    [Fact]
    public void Mean_activation_prefers_the_record_mean_and_falls_back_to_the_random_sample()
    {
        var sample = new[] { new ActivationRecord(["a", "b"], [1.0, 3.0]), new ActivationRecord(["c"], [5.0]) };
        NeuronRecord Record(double mean) => new(new NeuronId(1, 2), sample, null, null, mean, double.NaN, double.NaN, double.NaN, []);
        Assert.Equal(new MeanActivation(0.25, MeanSource.NeuronRecord), MeanActivation.For(Record(0.25)));
        var fallback = MeanActivation.For(Record(double.NaN));
        Assert.Equal(new MeanActivation(3.0, MeanSource.RandomSample), fallback);
        Assert.Equal("random-sample mean", fallback.SourceName);
        var empty = new NeuronRecord(new NeuronId(1, 2), [], null, null, double.NaN, double.NaN, double.NaN, double.NaN, []);
        Assert.Contains("1:2", Assert.Throws<ArgumentException>(() => MeanActivation.For(empty)).Message);
    }
}
