namespace NeuronViewer.Core.Calibration;

/// <summary>A mapping from the simulator's scale to the neuron's activation units, fitted on calibration records (spec §8).</summary>
public interface ICalibration
{
    /// <summary>Which method produced this mapping.</summary>
    CalibrationMethod Method { get; }

    /// <summary>Maps one simulated value (an expected value or a distribution value) to activation units.</summary>
    double Apply(double simulated);
}

/// <summary>The calibration methods of the reference.</summary>
public enum CalibrationMethod
{
    /// <summary>Pass-through (the reference's <c>UncalibratedNeuronSimulator</c>, used by its demos).</summary>
    None,

    /// <summary>Ordinary least squares with intercept (the reference's default, <c>LinearCalibratedNeuronSimulator</c>).</summary>
    Linear,

    /// <summary>Map the n-th percentile of simulated values to the n-th percentile of true activations.</summary>
    PercentileMatching,
}

/// <summary>The identity mapping; applying it still relabels a simulation as <c>neuron_activations</c> (defect D9, kept for file compatibility).</summary>
public sealed record NoCalibration : ICalibration
{
    public static NoCalibration Instance { get; } = new();

    public CalibrationMethod Method => CalibrationMethod.None;

    public double Apply(double simulated) => simulated;
}
