using NeuronViewer.Core.Calibration;
using NeuronViewer.Core.Records;

namespace NeuronViewer.Core.Tests.Calibration;

/// <summary>Spec §8 (test vectors §19.6 and §19.7).</summary>
public class CalibrationTests
{
    [Fact]
    public void Linear_fit_spec_vector()
    {
        var linear = LinearCalibration.Fit([0, 10, 5, 10], [0, 1, 2, 3]);
        Assert.Equal(2.0 / 11, linear.Slope, 12);
        Assert.Equal(4.0 / 11, linear.Intercept, 12);
        var applied = linear.Apply([0, 10]);
        Assert.Equal(0.3636, applied[0], 4);
        Assert.Equal(2.1818, applied[1], 4);
    }

    [Fact]
    public void Linear_fit_with_constant_x_is_the_mean_of_y_as_scikit_learn_gives()
    {
        // Centred design is all zeros → minimum-norm slope 0, intercept = ȳ (numpy lstsq on [x, 1] would instead give
        // slope = c·ȳ/(c²+1) = 1.2 and intercept = ȳ/(c²+1) = 0.6 for c = 2, ȳ = 3).
        var linear = LinearCalibration.Fit([2, 2, 2], [1, 3, 5]);
        Assert.Equal(0.0, linear.Slope);
        Assert.Equal(3.0, linear.Intercept);
        Assert.Equal(3.0, linear.Apply(7.5));

        var single = LinearCalibration.Fit([4], [-1.5]);
        Assert.Equal((0.0, -1.5), (single.Slope, single.Intercept));
    }

    [Fact]
    public void Linear_fit_recovers_an_exact_line()
    {
        var linear = LinearCalibration.Fit([0, 1, 2, 3, 10], [-1, 1.5, 4, 6.5, 24]);
        Assert.Equal(2.5, linear.Slope, 12);
        Assert.Equal(-1.0, linear.Intercept, 12);
    }

    [Fact]
    public void Percentile_matching_spec_vector_with_numpy_tie_handling()
    {
        var calibration = new PercentileMatchingCalibration([0, 0, 0, 1, 1, 10], [-0.2, -0.1, 0, 0.3, 0.5, 3.0]);
        var mapped = calibration.Apply([0, 0.5, 1, 5, 11, -1]);
        double[] expected = [0, 0.15, 0.5, 1.6111, 3.0, -0.2];
        for (var i = 0; i < expected.Length; i++)
            Assert.Equal(expected[i], mapped[i], 4);
    }

    [Fact]
    public void Percentile_fit_sorts_both_sides_independently()
    {
        var calibration = PercentileMatchingCalibration.Fit([10, 0, 1, 0, 1, 0], [3.0, 0.3, -0.2, 0.5, 0, -0.1]);
        Assert.Equal([0.0, 0, 0, 1, 1, 10], calibration.SortedSimulated);
        Assert.Equal([-0.2, -0.1, 0, 0.3, 0.5, 3.0], calibration.SortedTrue);
        Assert.Equal(1.6111, calibration.Apply(5), 4);
        Assert.Equal(7.0, PercentileMatchingCalibration.Fit([3], [7]).Apply(-100));
    }

    [Fact]
    public void Applying_a_calibration_maps_values_and_distributions_relabels_and_nests_the_input()
    {
        var simulation = new SequenceSimulation(["a", "b"], [1.0, 4.0], ActivationScale.SimulatedNormalizedActivations, [[0.0, 2.0], []], [[0.5, 0.5], []]);
        var calibrated = new LinearCalibration(0.5, -1).Apply(simulation);

        Assert.Equal([-0.5, 1.0], calibrated.ExpectedActivations);
        Assert.Equal([-1.0, 0.0], calibrated.DistributionValues[0]);
        Assert.Empty(calibrated.DistributionValues[1]);
        Assert.Same(simulation.DistributionProbabilities, calibrated.DistributionProbabilities);
        Assert.Equal(ActivationScale.NeuronActivations, calibrated.ActivationScale);
        Assert.Same(simulation, calibrated.UncalibratedSimulation);
    }

    [Fact]
    public void No_calibration_keeps_values_but_still_labels_them_neuron_activations_D9()
    {
        var simulation = new SequenceSimulation(["a"], [7.0], ActivationScale.SimulatedNormalizedActivations, [[7.0]], [[1.0]]);
        var passed = Calibrations.Fit(CalibrationMethod.None, [1.0], [2.0]).Apply(simulation);
        Assert.Equal([7.0], passed.ExpectedActivations);
        Assert.Equal(ActivationScale.NeuronActivations, passed.ActivationScale);
        Assert.Equal(ActivationScale.SimulatedNormalizedActivations, passed.UncalibratedSimulation!.ActivationScale);
    }

    [Fact]
    public void Fit_from_records_pools_raw_true_activations_against_expected_values()
    {
        ActivationRecord[] records = [new(["a", "b"], [0, 1]), new(["c", "d"], [2, 3])];
        SequenceSimulation[] simulations =
        [
            new(["a", "b"], [0, 10], ActivationScale.SimulatedNormalizedActivations, [], []),
            new(["c", "d"], [5, 10], ActivationScale.SimulatedNormalizedActivations, [], []),
        ];
        var linear = Assert.IsType<LinearCalibration>(Calibrations.Fit(CalibrationMethod.Linear, records, simulations));
        Assert.Equal(2.0 / 11, linear.Slope, 12);

        var e = Assert.Throws<ArgumentException>(() => Calibrations.Fit(CalibrationMethod.Linear, records, [simulations[0], simulations[0] with { ExpectedActivations = [1.0] }]));
        Assert.Contains("Calibration record 1 has 2 activations but its simulation has 1 expected values", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Bad_fit_input_is_refused_with_a_reason()
    {
        Assert.Contains("at least one", Assert.Throws<ArgumentException>(() => LinearCalibration.Fit([], [])).Message, StringComparison.Ordinal);
        Assert.Contains("2 simulated but 1 true", Assert.Throws<ArgumentException>(() => PercentileMatchingCalibration.Fit([1, 2], [1])).Message, StringComparison.Ordinal);
        Assert.Contains("must be finite", Assert.Throws<ArgumentException>(() => LinearCalibration.Fit([1, double.NaN], [1, 2])).Message, StringComparison.Ordinal);
        Assert.Contains("sorted ascending", Assert.Throws<ArgumentException>(() => new PercentileMatchingCalibration([2, 1], [1, 2])).Message, StringComparison.Ordinal);
    }
}
