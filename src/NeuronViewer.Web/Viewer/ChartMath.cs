namespace NeuronViewer.Web.Viewer;

/// <summary>The small statistics the charts draw: Pearson correlation, a least-squares line, histogram bin width.</summary>
public static class ChartMath
{
    /// <summary>Pearson correlation of paired values (the shorter length is used); NaN when either side has no variance.</summary>
    public static double Pearson(IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        var n = Math.Min(x.Count, y.Count);
        if (n < 2)
            return double.NaN;
        double mx = 0, my = 0;
        for (var i = 0; i < n; i++) { mx += x[i]; my += y[i]; }
        mx /= n;
        my /= n;
        double sxy = 0, sxx = 0, syy = 0;
        for (var i = 0; i < n; i++)
        {
            var (dx, dy) = (x[i] - mx, y[i] - my);
            sxy += dx * dy;
            sxx += dx * dx;
            syy += dy * dy;
        }
        return sxx <= 0 || syy <= 0 ? double.NaN : sxy / Math.Sqrt(sxx * syy);
    }

    /// <summary>The least-squares line y = intercept + slope·x; null when x has no variance or fewer than two points.</summary>
    public static (double Intercept, double Slope)? LeastSquares(IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        var n = Math.Min(x.Count, y.Count);
        if (n < 2)
            return null;
        double mx = 0, my = 0;
        for (var i = 0; i < n; i++) { mx += x[i]; my += y[i]; }
        mx /= n;
        my /= n;
        double sxy = 0, sxx = 0;
        for (var i = 0; i < n; i++)
        {
            sxy += (x[i] - mx) * (y[i] - my);
            sxx += (x[i] - mx) * (x[i] - mx);
        }
        if (sxx <= 0)
            return null;
        var slope = sxy / sxx;
        return (my - slope * mx, slope);
    }
}
