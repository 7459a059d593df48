using NeuronViewer.Core.Records;
using NeuronViewer.Core.Simulation;

namespace NeuronViewer.Core.Tests.Simulation;

/// <summary>Spec §7.1 (test vector §19.3).</summary>
public class ExpectedValuesTests
{
    private static KeyValuePair<string, double> P(string token, double logprob) => new(token, logprob);

    [Fact]
    public void Spec_example()
    {
        var prediction = ExpectedValues.FromTopLogprobs([P("0", Math.Log(0.6)), P("1", Math.Log(0.1)), P("10", Math.Log(0.2)), P(" the", -3)]);

        Assert.Equal(7.0 / 3, prediction.ExpectedValue, 12);
        Assert.Equal([0.0, 1.0, 10.0], prediction.DistributionValues);
        Assert.Equal(2.0 / 3, prediction.DistributionProbabilities[0], 12);
        Assert.Equal(1.0 / 9, prediction.DistributionProbabilities[1], 12);
        Assert.Equal(2.0 / 9, prediction.DistributionProbabilities[2], 12);
    }

    [Fact]
    public void No_valid_key_gives_zero_and_empty_lists()
    {
        var prediction = ExpectedValues.FromTopLogprobs([P(" 5", -0.1), P("05", -0.2), P("11", -0.3), P("-1", -1), P("+1", -1), P("1.0", -1), P("", -1), P("٣", -1)]);
        Assert.Equal(0.0, prediction.ExpectedValue);
        Assert.Empty(prediction.DistributionValues);
        Assert.Empty(prediction.DistributionProbabilities);
    }

    [Fact]
    public void Matching_is_exact_and_insertion_order_is_kept()
    {
        Assert.All(Enumerable.Range(0, 11), v => Assert.True(ExpectedValues.IsValidActivationString(v.ToString())));
        var prediction = ExpectedValues.FromTopLogprobs([P("10", Math.Log(0.5)), P(" 3", -0.1), P("3", Math.Log(0.25)), P("0", Math.Log(0.25))]);
        Assert.Equal([10.0, 3.0, 0.0], prediction.DistributionValues);
        Assert.Equal(5.75, prediction.ExpectedValue, 12);
    }

    [Fact]
    public void A_repeated_key_keeps_its_first_place_and_last_value_like_a_python_dict()
    {
        var prediction = ExpectedValues.FromTopLogprobs([P("2", Math.Log(0.9)), P("4", Math.Log(0.5)), P("2", Math.Log(0.5))]);
        Assert.Equal([2.0, 4.0], prediction.DistributionValues);
        Assert.Equal(3.0, prediction.ExpectedValue, 12);
    }

    [Fact]
    public void Predictions_become_a_normalised_scale_simulation()
    {
        var simulation = ExpectedValues.ToSequenceSimulation(["a", "b"], [TokenPrediction.Empty, new TokenPrediction(4, [4.0], [1.0])]);
        Assert.Equal(ActivationScale.SimulatedNormalizedActivations, simulation.ActivationScale);
        Assert.Equal([0.0, 4.0], simulation.ExpectedActivations);
        Assert.Empty(simulation.DistributionValues[0]);
        Assert.Null(simulation.UncalibratedSimulation);
        var e = Assert.Throws<ArgumentException>(() => ExpectedValues.ToSequenceSimulation(["a"], []));
        Assert.Contains("1 tokens but 0 predictions", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Probabilities_are_normalised_over_the_given_values_in_their_order()
    {
        var prediction = ExpectedValues.FromProbabilities([new(10, 0.2), new(0, 0.6), new(1, 0.1)]);
        Assert.Equal([10.0, 0.0, 1.0], prediction.DistributionValues);
        Assert.Equal(7.0 / 3, prediction.ExpectedValue, 12);
        Assert.Equal(2.0 / 9, prediction.DistributionProbabilities[0], 12);
        Assert.Equal(1.0, prediction.DistributionProbabilities.Sum(), 12);
        Assert.Same(TokenPrediction.Empty, ExpectedValues.FromProbabilities([]));
        Assert.Throws<ArgumentException>(() => ExpectedValues.FromProbabilities([new(11, 1.0)]));
        Assert.Throws<ArgumentException>(() => ExpectedValues.FromProbabilities([new(2, 0.5), new(2, 0.5)]));
        Assert.Throws<ArgumentException>(() => ExpectedValues.FromProbabilities([new(2, -0.5)]));
    }

    [Fact]
    public void A_point_prediction_puts_all_probability_on_one_value()
    {
        var prediction = TokenPrediction.Point(7);
        Assert.Equal(7.0, prediction.ExpectedValue);
        Assert.Equal([7.0], prediction.DistributionValues);
        Assert.Equal([1.0], prediction.DistributionProbabilities);
        Assert.Equal(2.5, TokenPrediction.Point(2.5).ExpectedValue);
        Assert.Throws<ArgumentOutOfRangeException>(() => TokenPrediction.Point(10.5));
        Assert.Throws<ArgumentOutOfRangeException>(() => TokenPrediction.Point(double.NaN));
    }
}
