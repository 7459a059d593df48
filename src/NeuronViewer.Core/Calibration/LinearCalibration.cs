namespace NeuronViewer.Core.Calibration;

/// <summary><c>slope·x + intercept</c>, fitted by ordinary least squares of true activation on simulated value.</summary>
public sealed record LinearCalibration(double Slope, double Intercept) : ICalibration
{
    public CalibrationMethod Method => CalibrationMethod.Linear;

    public double Apply(double simulated) => (Slope * simulated) + Intercept;

    /// <summary>
    /// OLS with intercept, as scikit-learn's <c>LinearRegression</c> (the reference) computes it: centre both sides, then
    /// slope = Σ(x−x̄)(y−ȳ) / Σ(x−x̄)². When every x is equal the centred design is all zeros and the least-squares solver's
    /// minimum-norm answer is slope 0, so the fit is the constant ȳ (intercept = mean of y). This is not numpy <c>lstsq</c> on an
    /// uncentred [x, 1] design, whose minimum-norm answer would split ȳ between slope and intercept.
    /// </summary>
    public static LinearCalibration Fit(IReadOnlyList<double> simulated, IReadOnlyList<double> trueActivations)
    {
        CalibrationInput.Check(simulated, trueActivations);
        var n = simulated.Count;
        var meanX = simulated.Average();
        var meanY = trueActivations.Average();
        if (simulated.All(x => x == simulated[0]))
            return new LinearCalibration(0.0, meanY);
        double sxy = 0, sxx = 0;
        for (var i = 0; i < n; i++)
        {
            var dx = simulated[i] - meanX;
            sxy += dx * (trueActivations[i] - meanY);
            sxx += dx * dx;
        }

        var slope = sxy / sxx;
        return new LinearCalibration(slope, meanY - (slope * meanX));
    }
}
