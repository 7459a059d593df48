using NeuronViewer.Core.Records;

namespace NeuronViewer.Core.Abstractions;

/// <summary>A simulation that either succeeded or failed; a failure keeps its reason and the raw response, never zeros.</summary>
public sealed record SimulationOutcome
{
    private SimulationOutcome(SequenceSimulation? simulation, string? failureReason, string? rawResponse, Usage usage)
    {
        Simulation = simulation;
        FailureReason = failureReason;
        RawResponse = rawResponse;
        Usage = usage;
    }

    public SequenceSimulation? Simulation { get; }

    public string? FailureReason { get; }

    /// <summary>The model's raw output, kept for failures (and optionally for successes) so a person can see what went wrong.</summary>
    public string? RawResponse { get; }

    public Usage Usage { get; }

    public bool Succeeded => Simulation is not null;

    public static SimulationOutcome Success(SequenceSimulation simulation, Usage usage, string? rawResponse = null) =>
        new(simulation ?? throw new ArgumentNullException(nameof(simulation)), null, rawResponse, usage);

    public static SimulationOutcome Failure(string reason, string? rawResponse, Usage usage) =>
        new(null, string.IsNullOrWhiteSpace(reason) ? throw new ArgumentException("A failure needs a reason.", nameof(reason)) : reason, rawResponse, usage);
}

/// <summary>Predicts a neuron's activation at every token of a sequence from an explanation alone.</summary>
public interface ISimulator
{
    BackendInfo Info { get; }

    Task<SimulationOutcome> SimulateAsync(string explanation, IReadOnlyList<string> tokens, CancellationToken cancellationToken = default);
}
