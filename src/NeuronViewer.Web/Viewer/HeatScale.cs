namespace NeuronViewer.Web.Viewer;

/// <summary>Whether a view colours each group against its own maximum or all groups against one shared maximum.</summary>
public enum HeatScaleMode
{
    /// <summary>Each group (e.g. real and simulated, or each excerpt group) is normalised by its own maximum.</summary>
    PerGroup,

    /// <summary>Every group shown together is normalised by one maximum.</summary>
    Shared,
}

/// <summary>The value a heatmap's full colour stands for, and a short note saying how it was chosen (shown by the legend).</summary>
public sealed record HeatScale
{
    /// <summary>Creates a scale whose full colour is at ±<paramref name="max"/>; a zero max colours everything as background.</summary>
    public HeatScale(double max, string description)
    {
        if (!double.IsFinite(max) || max < 0)
            throw new ArgumentOutOfRangeException(nameof(max), max, "A heat scale's maximum must be a finite number ≥ 0.");
        ArgumentNullException.ThrowIfNull(description);
        Max = max;
        Description = description;
    }

    /// <summary>The value shown in full colour (and its negative, in the other hue).</summary>
    public double Max { get; }

    /// <summary>A short note for the legend, e.g. "Shared maximum over all groups".</summary>
    public string Description { get; }

    /// <summary>The value divided by the maximum, clamped to [-1, 1]; 0 for NaN or a zero maximum.</summary>
    public double Normalize(double value)
    {
        if (Max <= 0 || double.IsNaN(value))
            return 0;
        return Math.Clamp(value / Max, -1, 1);
    }

    /// <summary>
    /// The reference viewer's rule for activations (spec §13.3): the maximum of the values clamped at 0. When no value
    /// is positive, the largest magnitude is used instead so that negative-only data still shows.
    /// </summary>
    public static HeatScale ForActivations(IEnumerable<double> values, string description)
    {
        ArgumentNullException.ThrowIfNull(values);
        double positive = 0, magnitude = 0;
        foreach (var v in values)
        {
            if (!double.IsFinite(v))
                continue;
            positive = Math.Max(positive, v);
            magnitude = Math.Max(magnitude, Math.Abs(v));
        }
        return new HeatScale(positive > 0 ? positive : magnitude, description);
    }

    /// <summary>A scale symmetric about 0: the largest magnitude of the values (for signed data such as differences).</summary>
    public static HeatScale Symmetric(IEnumerable<double> values, string description)
    {
        ArgumentNullException.ThrowIfNull(values);
        double magnitude = 0;
        foreach (var v in values)
        {
            if (double.IsFinite(v))
                magnitude = Math.Max(magnitude, Math.Abs(v));
        }
        return new HeatScale(magnitude, description);
    }

    /// <summary>A scale for values already in [-1, 1], such as normalised real − simulated errors.</summary>
    public static HeatScale Unit(string description) => new(1, description);
}
