using System.Globalization;
using NeuronViewer.Core.Collection;
using NeuronViewer.Pipeline.Subject;
using NeuronViewer.Storage;
using NeuronViewer.Storage.Runs;

namespace NeuronViewer.Pipeline.Stages;

/// <summary>
/// A collection sink writing into the data folder's database: one collection run with the model's provenance, every neuron's
/// record and token look-up table in batched transactions. An aborted run is deleted with its records; a run left incomplete
/// by a stopped process is deleted when the same job (or, without a job, the next collection) begins again.
/// </summary>
public sealed class LiteDbCollectionSink(NeuronViewerStore store, SubjectModelInfo model, long? jobId = null, int batchSize = 64) : ICollectionSink
{
    private readonly List<CollectedNeuron> pending = [];
    private CollectionRun? run;
    private string finalNotes = "";

    /// <summary>The run written, once begun.</summary>
    public int? RunId => run?.Id;

    /// <summary>Records written so far.</summary>
    public int Written { get; private set; }

    private const string IncompletePrefix = "collecting (incomplete)";

    /// <summary>The notes of a run whose records are still being written by this job (or by a job-less collection).</summary>
    public static string IncompleteNote(long? jobId) => jobId is { } j ? $"{IncompletePrefix}, job {j}" : IncompletePrefix;

    public Task BeginAsync(CollectionInfo info, CancellationToken cancellationToken)
    {
        foreach (var stale in store.Runs.List().Where(IsAbandoned))
            store.Records.DeleteRun(stale.Id);
        run = new CollectionRun
        {
            SubjectModel = model.Name, SubjectModelRevision = model.Revision, DType = model.DType,
            ActivationFunction = model.ActivationFunction, Dataset = info.Corpus, Layers = [.. info.Layers],
            ExcerptLength = info.Settings.ExcerptTokens, Seed = info.Settings.Seed <= int.MaxValue ? (int)info.Settings.Seed : null,
            Source = "collected", Notes = IncompleteNote(jobId),
        };
        run.Id = store.Runs.Create(run);
        finalNotes = string.Create(CultureInfo.InvariantCulture,
            $"{info.Excerpts:N0} excerpts, {info.Tokens:N0} tokens{(jobId is { } j ? $", job {j}" : "")}");
        return Task.CompletedTask;
    }

    public Task WriteAsync(CollectedNeuron neuron, CancellationToken cancellationToken)
    {
        pending.Add(neuron);
        if (pending.Count >= batchSize) Flush();
        return Task.CompletedTask;
    }

    public Task CompleteAsync(CancellationToken cancellationToken)
    {
        Flush();
        var done = run ?? throw new InvalidOperationException("BeginAsync was not called.");
        done.Notes = finalNotes;
        store.Runs.Update(done);
        return Task.CompletedTask;
    }

    public Task AbortAsync()
    {
        pending.Clear();
        if (run is not null) store.Records.DeleteRun(run.Id);
        run = null;
        return Task.CompletedTask;
    }

    /// <summary>An incomplete run of this job, of no job, or of a job that is not running: what it wrote is half a run.</summary>
    private bool IsAbandoned(CollectionRun r)
    {
        if (r.Notes is not { } notes || !notes.StartsWith(IncompletePrefix, StringComparison.Ordinal)) return false;
        var tail = notes[IncompletePrefix.Length..].Replace(", job ", "", StringComparison.Ordinal);
        if (!long.TryParse(tail, CultureInfo.InvariantCulture, out var owner)) return true;
        return owner == jobId || store.Jobs.Get(owner)?.State != Storage.Jobs.JobState.Running;
    }

    private void Flush()
    {
        if (pending.Count == 0) return;
        var id = run?.Id ?? throw new InvalidOperationException("BeginAsync was not called.");
        store.Atomic(() =>
        {
            store.Records.SaveMany(id, pending.Select(n => n.Record));
            foreach (var n in pending)
                store.Records.SaveRelatedTokens(n.Record.NeuronId, n.TokenLookupTable, null);
        });
        Written += pending.Count;
        pending.Clear();
    }
}
