using NeuronViewer.Core.Records;

namespace NeuronViewer.Core.Abstractions;

/// <summary>What an explainer is shown for one neuron.</summary>
public sealed record ExplainRequest(
    NeuronId Neuron,
    IReadOnlyList<ActivationRecord> TrainRecords,
    int Candidates,
    TokenLookupTableSummaryOfNeuron? TokenLookupTable = null,
    int? Seed = null);

/// <summary>An explainer's answer: candidate explanations (normalised, deduplicated) or the reason it failed, with the raw response.</summary>
public sealed record ExplainResult(
    IReadOnlyList<string> Explanations,
    Usage Usage,
    string? FailureReason = null,
    string? RawResponse = null)
{
    public bool Failed => FailureReason is not null;
}

/// <summary>Writes natural-language explanations of a neuron from its (token, activation) evidence.</summary>
public interface IExplainer
{
    BackendInfo Info { get; }

    Task<ExplainResult> ExplainAsync(ExplainRequest request, CancellationToken cancellationToken = default);
}
