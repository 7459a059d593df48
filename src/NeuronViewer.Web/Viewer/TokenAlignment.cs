namespace NeuronViewer.Web.Viewer;

/// <summary>Checks that simulated tokens line up with real tokens (spec decision D13: warn, never throw).</summary>
public static class TokenAlignment
{
    /// <summary>Positions where both lists have a token and the tokens differ.</summary>
    public static IReadOnlyList<int> MismatchedPositions(IReadOnlyList<string> real, IReadOnlyList<string> simulated)
    {
        ArgumentNullException.ThrowIfNull(real);
        ArgumentNullException.ThrowIfNull(simulated);
        var positions = new List<int>();
        var n = Math.Min(real.Count, simulated.Count);
        for (var i = 0; i < n; i++)
        {
            if (!string.Equals(real[i], simulated[i], StringComparison.Ordinal))
                positions.Add(i);
        }
        return positions;
    }

    /// <summary>A one-line warning describing how the token lists differ, or null when they match exactly.</summary>
    public static string? Warning(IReadOnlyList<string> real, IReadOnlyList<string> simulated)
    {
        var mismatches = MismatchedPositions(real, simulated);
        var lengthNote = real.Count == simulated.Count
            ? null
            : $"the simulation has {simulated.Count} tokens but the excerpt has {real.Count}";
        if (mismatches.Count == 0)
            return lengthNote is null ? null : $"Simulated tokens do not line up: {lengthNote}.";
        var first = mismatches[0];
        var where = mismatches.Count == 1 ? $"at position {first}" : $"at {mismatches.Count} positions, the first at position {first}";
        return $"Simulated tokens do not line up {where}: real “{TokenText.Visible(real[first])}”, simulated " +
               $"“{TokenText.Visible(simulated[first])}”{(lengthNote is null ? "" : "; " + lengthNote)}.";
    }
}
