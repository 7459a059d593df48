namespace NeuronViewer.Web.Viewer;

/// <summary>A labelled group of evaluated excerpts ("Top", "Random"), with each excerpt's position in the full list.</summary>
public sealed record SimulatedExcerptGroup(string Label, IReadOnlyList<(int Index, SimulatedExcerpt Excerpt)> Items);

/// <summary>Splits evaluated excerpts into groups and chooses their colour scales.</summary>
public static class SimulatedExcerptGroups
{
    /// <summary>
    /// Groups by explicit <see cref="SimulatedExcerpt.GroupLabel"/> in order of first appearance (unlabelled ones go to
    /// "Other"); when no excerpt has a label, the first half (rounded up) is "Top" and the rest "Random", as the
    /// reference viewer assumes for top-and-random scoring.
    /// </summary>
    public static IReadOnlyList<SimulatedExcerptGroup> Split(IReadOnlyList<SimulatedExcerpt> excerpts)
    {
        ArgumentNullException.ThrowIfNull(excerpts);
        if (excerpts.Count == 0)
            return [];
        if (excerpts.All(e => e.GroupLabel is null))
        {
            var top = (excerpts.Count + 1) / 2;
            var groups = new List<SimulatedExcerptGroup>
            {
                new("Top", excerpts.Take(top).Select((e, i) => (i, e)).ToArray()),
            };
            if (excerpts.Count > top)
                groups.Add(new("Random", excerpts.Skip(top).Select((e, i) => (top + i, e)).ToArray()));
            return groups;
        }
        return excerpts
            .Select((e, i) => (Index: i, Excerpt: e))
            .GroupBy(x => x.Excerpt.GroupLabel ?? "Other")
            .Select(g => new SimulatedExcerptGroup(g.Key, g.Select(x => (x.Index, x.Excerpt)).ToArray()))
            .ToArray();
    }

    /// <summary>
    /// The real and simulated scales: per group (real and simulated each over all of its own excerpts, the reference's
    /// rule) or one shared maximum over both. Failed excerpts contribute their real values only.
    /// </summary>
    public static (HeatScale Real, HeatScale Simulated) Scales(IReadOnlyList<SimulatedExcerpt> excerpts, HeatScaleMode mode)
    {
        ArgumentNullException.ThrowIfNull(excerpts);
        var real = excerpts.SelectMany(e => e.Real.Activations);
        var simulated = excerpts.Where(e => e.Simulation is not null).SelectMany(e => e.Simulation!.ExpectedActivations);
        if (mode == HeatScaleMode.Shared)
        {
            var shared = HeatScale.ForActivations(real.Concat(simulated), "One maximum shared by real and simulated activations");
            return (shared, shared);
        }
        return (HeatScale.ForActivations(real, "Real: maximum over all excerpts shown"),
                HeatScale.ForActivations(simulated, "Simulated: maximum over all excerpts shown"));
    }
}
