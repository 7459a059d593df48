using NeuronViewer.Core.Records;

namespace NeuronViewer.Web.Viewer;

/// <summary>One evaluated excerpt of an explanation: its real activations, and the simulation or why the simulation failed.</summary>
public sealed record SimulatedExcerpt
{
    /// <summary>The excerpt's tokens and real (true) activations.</summary>
    public required ActivationRecord Real { get; init; }

    /// <summary>The simulation (expected activations); null when the simulation failed.</summary>
    public SequenceSimulation? Simulation { get; init; }

    /// <summary>Per-excerpt correlation of simulated with real activations; null or NaN shows "—".</summary>
    public double? Correlation { get; init; }

    /// <summary>Explicit group ("Top", "Random", …); when no excerpt has one, the first half is "Top" and the rest "Random".</summary>
    public string? GroupLabel { get; init; }

    /// <summary>Why the simulation failed (required when <see cref="Simulation"/> is null).</summary>
    public string? FailureReason { get; init; }

    /// <summary>The simulator's raw response, shown collapsed for a failed excerpt.</summary>
    public string? RawResponse { get; init; }

    /// <summary>True when there is no simulation to show.</summary>
    public bool IsFailed => Simulation is null;

    /// <summary>An excerpt from a scored sequence: real tokens are the simulation's tokens zipped with its true activations.</summary>
    public static SimulatedExcerpt FromScored(ScoredSequenceSimulation scored, string? groupLabel = null)
    {
        ArgumentNullException.ThrowIfNull(scored);
        var tokens = scored.Simulation.Tokens;
        var truth = scored.TrueActivations;
        // A length mismatch is shown as a warning by the view (TokenAlignment), not thrown: keep the common prefix as "real".
        var n = Math.Min(tokens.Count, truth.Count);
        var real = n == tokens.Count && n == truth.Count
            ? new ActivationRecord(tokens, truth)
            : new ActivationRecord(tokens.Take(n).ToArray(), truth.Take(n).ToArray());
        return new SimulatedExcerpt
        {
            Real = real,
            Simulation = scored.Simulation,
            Correlation = scored.EvCorrelationScore,
            GroupLabel = groupLabel,
        };
    }

    /// <summary>An excerpt whose simulation failed: shown as failed with its reason, never as zeros.</summary>
    public static SimulatedExcerpt Failed(ActivationRecord real, string reason, string? rawResponse, string? groupLabel = null)
    {
        ArgumentNullException.ThrowIfNull(real);
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        return new SimulatedExcerpt { Real = real, FailureReason = reason, RawResponse = rawResponse, GroupLabel = groupLabel };
    }

    /// <summary>All excerpts of a scored simulation, in order, without group labels.</summary>
    public static IReadOnlyList<SimulatedExcerpt> FromScored(ScoredSimulation simulation)
    {
        ArgumentNullException.ThrowIfNull(simulation);
        return simulation.ScoredSequenceSimulations.Select(s => FromScored(s)).ToArray();
    }
}
