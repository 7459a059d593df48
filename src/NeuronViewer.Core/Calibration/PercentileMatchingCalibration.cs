namespace NeuronViewer.Core.Calibration;

/// <summary>Piecewise-linear interpolation from sorted simulated values to sorted true activations, with numpy <c>interp</c> semantics.</summary>
public sealed record PercentileMatchingCalibration : ICalibration
{
    public PercentileMatchingCalibration(IReadOnlyList<double> sortedSimulated, IReadOnlyList<double> sortedTrue)
    {
        CalibrationInput.Check(sortedSimulated, sortedTrue);
        for (var i = 1; i < sortedSimulated.Count; i++)
        {
            if (!(sortedSimulated[i - 1] <= sortedSimulated[i]) || !(sortedTrue[i - 1] <= sortedTrue[i]))
                throw new ArgumentException($"Percentile matching needs both value lists sorted ascending; index {i} is out of order.");
        }

        SortedSimulated = sortedSimulated;
        SortedTrue = sortedTrue;
    }

    public IReadOnlyList<double> SortedSimulated { get; }

    public IReadOnlyList<double> SortedTrue { get; }

    public CalibrationMethod Method => CalibrationMethod.PercentileMatching;

    /// <summary>Sorts both sides independently (ties in the simulated values are kept, not deduplicated).</summary>
    public static PercentileMatchingCalibration Fit(IReadOnlyList<double> simulated, IReadOnlyList<double> trueActivations)
    {
        CalibrationInput.Check(simulated, trueActivations);
        return new PercentileMatchingCalibration(simulated.Order().ToArray(), trueActivations.Order().ToArray());
    }

    /// <summary>
    /// numpy <c>interp</c>: below the first x → first y, above the last → last y; otherwise the segment from the LAST index j with
    /// x[j] ≤ value (so at a repeated x the last matching y is used), and exactly y[j] when value equals x[j].
    /// </summary>
    public double Apply(double simulated)
    {
        var xs = SortedSimulated;
        var ys = SortedTrue;
        var n = xs.Count;
        if (n == 1)
            return ys[0];
        if (double.IsNaN(simulated))
            return simulated;
        if (simulated < xs[0])
            return ys[0];
        if (simulated >= xs[n - 1])
            return ys[n - 1];
        var j = LastIndexAtMost(xs, simulated);
        if (xs[j] == simulated)
            return ys[j];
        var slope = (ys[j + 1] - ys[j]) / (xs[j + 1] - xs[j]);
        var result = (slope * (simulated - xs[j])) + ys[j];
        if (double.IsNaN(result))
        {
            result = (slope * (simulated - xs[j + 1])) + ys[j + 1];
            if (double.IsNaN(result) && ys[j] == ys[j + 1])
                result = ys[j];
        }

        return result;
    }

    private static int LastIndexAtMost(IReadOnlyList<double> xs, double value)
    {
        int lo = 0, hi = xs.Count;
        while (lo < hi)
        {
            var mid = lo + ((hi - lo) >> 1);
            if (value >= xs[mid])
                lo = mid + 1;
            else
                hi = mid;
        }

        return lo - 1;
    }
}
