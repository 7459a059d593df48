using NeuronViewer.Core.Records;

namespace NeuronViewer.Core.Collection;

/// <summary>One neuron's collection result: its NeuronRecord and its token look-up table.</summary>
public sealed record CollectedNeuron(NeuronRecord Record, TokenLookupTableSummaryOfNeuron TokenLookupTable);

/// <summary>What a collection run covered, given to a sink before the neurons.</summary>
public sealed record CollectionInfo(
    string SubjectModel,
    string Corpus,
    IReadOnlyList<int> Layers,
    int NeuronsPerLayer,
    long Excerpts,
    long Tokens,
    CollectionSettings Settings);

/// <summary>
/// Receives collection results: <see cref="BeginAsync"/>, then every neuron, then <see cref="CompleteAsync"/>; on any
/// failure <see cref="AbortAsync"/> instead, after which nothing of the run may remain visible (all or nothing).
/// </summary>
public interface ICollectionSink
{
    Task BeginAsync(CollectionInfo info, CancellationToken cancellationToken);

    Task WriteAsync(CollectedNeuron neuron, CancellationToken cancellationToken);

    Task CompleteAsync(CancellationToken cancellationToken);

    Task AbortAsync();
}
