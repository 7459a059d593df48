namespace NeuronViewer.Core.Calibration;

/// <summary>Checks shared by the calibration fits: paired, non-empty, finite.</summary>
internal static class CalibrationInput
{
    public static void Check(IReadOnlyList<double> simulated, IReadOnlyList<double> trueActivations)
    {
        ArgumentNullException.ThrowIfNull(simulated);
        ArgumentNullException.ThrowIfNull(trueActivations);
        if (simulated.Count != trueActivations.Count)
            throw new ArgumentException($"Calibration needs one true activation per simulated value: {simulated.Count} simulated but {trueActivations.Count} true.");
        if (simulated.Count == 0)
            throw new ArgumentException("Calibration needs at least one (simulated, true) pair.");
        for (var i = 0; i < simulated.Count; i++)
        {
            if (!double.IsFinite(simulated[i]) || !double.IsFinite(trueActivations[i]))
                throw new ArgumentException($"Calibration values must be finite; pair {i} is ({simulated[i]}, {trueActivations[i]}).");
        }
    }
}
