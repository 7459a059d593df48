using NeuronViewer.Core.Collection;

namespace NeuronViewer.Pipeline.Stages;

/// <summary>Sends one collection to several sinks (the database and OpenAI-layout files); a failure aborts all of them.</summary>
public sealed class TeeCollectionSink(params ICollectionSink[] sinks) : ICollectionSink
{
    public async Task BeginAsync(CollectionInfo info, CancellationToken cancellationToken)
    {
        foreach (var s in sinks) await s.BeginAsync(info, cancellationToken).ConfigureAwait(false);
    }

    public async Task WriteAsync(CollectedNeuron neuron, CancellationToken cancellationToken)
    {
        foreach (var s in sinks) await s.WriteAsync(neuron, cancellationToken).ConfigureAwait(false);
    }

    public async Task CompleteAsync(CancellationToken cancellationToken)
    {
        foreach (var s in sinks) await s.CompleteAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task AbortAsync()
    {
        foreach (var s in sinks) await s.AbortAsync().ConfigureAwait(false);
    }
}
