using System.Globalization;
using Microsoft.Extensions.Options;
using NeuronViewer.Core.Collection;
using NeuronViewer.Pipeline.Jobs;
using NeuronViewer.Pipeline.Subject;
using NeuronViewer.Storage;
using NeuronViewer.SubjectModel.Collection;
using NeuronViewer.SubjectModel.Corpus;

namespace NeuronViewer.Pipeline.Stages;

/// <summary>What a collection produced: the run in the database and what it covered.</summary>
public sealed record CollectOutcome(CollectionInfo Info, int RunId, int Records);

/// <summary>
/// The collect stage: the subject model over a corpus into the database (and optionally OpenAI-layout files), on a
/// long-running thread, resumable from its checkpoint in the data folder's <c>checkpoints</c> folder.
/// </summary>
public sealed class CollectStage(NeuronViewerStore store, SubjectModelHost host, IOptions<NeuronViewerOptions> options)
{
    /// <summary>How often an interrupted collection can lose work at most.</summary>
    public static readonly TimeSpan CheckpointInterval = TimeSpan.FromSeconds(30);

    /// <summary>Where collection checkpoints live.</summary>
    public string CheckpointFolder => Path.Combine(store.Folder, "checkpoints");

    /// <summary>The layers to collect: all when null; an out-of-range layer is an ArgumentException naming the model's range.</summary>
    public static IReadOnlyList<int> Layers(IReadOnlyList<int>? layers, SubjectModelInfo model)
    {
        if (layers is null || layers.Count == 0) return Enumerable.Range(0, model.Layers).ToList();
        foreach (var l in layers)
            if (l < 0 || l >= model.Layers)
                throw new ArgumentException($"Layer {l} is out of range: the model has layers 0-{model.Layers - 1}.");
        return layers.Distinct().Order().ToList();
    }

    /// <summary>Whether every neuron of these layers already has a stored record.</summary>
    public bool IsCollected(IReadOnlyList<int> layers, int neuronsPerLayer) =>
        layers.All(l => store.Records.List(l).Count >= neuronsPerLayer);

    /// <summary>Runs (or resumes) the collection and writes its records; progress in excerpts, then in neurons written.</summary>
    public async Task<CollectOutcome> RunAsync(CollectParameters p, long? jobId = null, IProgress<JobItemProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(p);
        if (p.MaxExcerpts is < 1) throw new ArgumentException($"The excerpt limit must be positive, not {p.MaxExcerpts}.");
        if (p.BatchSize < 1) throw new ArgumentException($"The batch size must be positive, not {p.BatchSize}.");
        var corpus = TextCorpus.Open(string.IsNullOrWhiteSpace(p.Corpus) ? options.Value.Corpus : p.Corpus);
        var m = await host.GetAsync(cancellationToken).ConfigureAwait(false);
        var layers = Layers(p.Layers, m.Info);
        var settings = new CollectionSettings { Seed = p.Seed };
        var request = new CollectionRequest(m.Model, corpus, layers, settings, p.MaxExcerpts, p.BatchSize, CheckpointFolder)
        {
            CheckpointInterval = CheckpointInterval,
        };
        var db = new LiteDbCollectionSink(store, m.Info, jobId);
        int total = layers.Count * m.Info.NeuronsPerLayer;
        var counted = new CountingSink(db, written => progress?.Report(new JobItemProgress("writing records", written, total, "neurons")));
        ICollectionSink sink = p.OutFolder is null ? counted : new TeeCollectionSink(counted, new OpenAiLayoutWriter(p.OutFolder));
        var excerptProgress = progress is null ? null : new Relay<CollectionProgress>(c => progress.Report(ToItemProgress(c, settings.ExcerptTokens)));
        var info = await host.RunHeavyAsync(_ => CollectionRunner.RunAsync(request, sink, excerptProgress, cancellationToken).GetAwaiter().GetResult(),
            cancellationToken).ConfigureAwait(false);
        return new CollectOutcome(info, db.RunId ?? 0, db.Written);
    }

    /// <summary>A collection's progress as job progress: both passes count, excerpts per second, time left.</summary>
    public static JobItemProgress ToItemProgress(CollectionProgress c, int excerptTokens) =>
        new(c.Stage, c.Processed, c.Total, "excerpts", c.TokensPerSecond > 0 ? c.TokensPerSecond / excerptTokens : null, c.Remaining);

    /// <summary>A one-line description of a finished collection.</summary>
    public static string Describe(CollectOutcome o) => string.Create(CultureInfo.InvariantCulture,
        $"{o.Records:N0} neurons from {o.Info.Excerpts:N0} excerpts ({o.Info.Tokens:N0} tokens) of {o.Info.Corpus}, run {o.RunId}");

    /// <summary>Reports synchronously on the reporting thread (unlike Progress&lt;T&gt;, which posts to the thread pool).</summary>
    private sealed class Relay<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }

    /// <summary>Counts neurons as they are written, for progress while the records go into the database.</summary>
    private sealed class CountingSink(ICollectionSink inner, Action<int> written) : ICollectionSink
    {
        private int count;

        public Task BeginAsync(CollectionInfo info, CancellationToken cancellationToken) => inner.BeginAsync(info, cancellationToken);

        public async Task WriteAsync(CollectedNeuron neuron, CancellationToken cancellationToken)
        {
            await inner.WriteAsync(neuron, cancellationToken).ConfigureAwait(false);
            if (++count % 64 == 0) written(count);
        }

        public Task CompleteAsync(CancellationToken cancellationToken) => inner.CompleteAsync(cancellationToken);

        public Task AbortAsync() => inner.AbortAsync();
    }
}
