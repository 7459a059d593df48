using NeuronViewer.Core.Records;

namespace NeuronViewer.Core.Calibration;

/// <summary>Fitting a calibration on calibration records and applying it to simulations.</summary>
public static class Calibrations
{
    /// <summary>Fits <paramref name="method"/> on pooled (simulated EV, raw true activation) pairs.</summary>
    public static ICalibration Fit(CalibrationMethod method, IReadOnlyList<double> simulated, IReadOnlyList<double> trueActivations) =>
        method switch
        {
            CalibrationMethod.None => NoCalibration.Instance,
            CalibrationMethod.Linear => LinearCalibration.Fit(simulated, trueActivations),
            CalibrationMethod.PercentileMatching => PercentileMatchingCalibration.Fit(simulated, trueActivations),
            _ => throw new ArgumentOutOfRangeException(nameof(method), method, "Unknown calibration method."),
        };

    /// <summary>Fits on calibration records and their simulations: all true activations (raw, no ReLU) against all expected values.</summary>
    public static ICalibration Fit(CalibrationMethod method, IReadOnlyList<ActivationRecord> records, IReadOnlyList<SequenceSimulation> simulations)
    {
        ArgumentNullException.ThrowIfNull(records);
        ArgumentNullException.ThrowIfNull(simulations);
        if (records.Count != simulations.Count)
            throw new ArgumentException($"Expected one simulation per calibration record: {records.Count} records but {simulations.Count} simulations.");
        var truth = new List<double>();
        var simulated = new List<double>();
        for (var i = 0; i < records.Count; i++)
        {
            if (records[i].Activations.Count != simulations[i].ExpectedActivations.Count)
                throw new ArgumentException(
                    $"Calibration record {i} has {records[i].Activations.Count} activations but its simulation has {simulations[i].ExpectedActivations.Count} expected values.");
            truth.AddRange(records[i].Activations);
            simulated.AddRange(simulations[i].ExpectedActivations);
        }

        return Fit(method, simulated, truth);
    }

    public static IReadOnlyList<double> Apply(this ICalibration calibration, IReadOnlyList<double> values)
    {
        ArgumentNullException.ThrowIfNull(calibration);
        return values.Select(calibration.Apply).ToArray();
    }

    /// <summary>
    /// Maps the expected values and every distribution value, keeps the probabilities, sets the scale to
    /// <c>neuron_activations</c> and nests the input as <c>uncalibrated_simulation</c> — for every method, including
    /// <see cref="NoCalibration"/> (D9 kept: the reference labels pass-through 0–10 values as neuron activations).
    /// </summary>
    public static SequenceSimulation Apply(this ICalibration calibration, SequenceSimulation simulation)
    {
        ArgumentNullException.ThrowIfNull(calibration);
        ArgumentNullException.ThrowIfNull(simulation);
        return new SequenceSimulation(
            simulation.Tokens,
            calibration.Apply(simulation.ExpectedActivations),
            ActivationScale.NeuronActivations,
            simulation.DistributionValues.Select(calibration.Apply).ToArray(),
            simulation.DistributionProbabilities,
            simulation);
    }
}
