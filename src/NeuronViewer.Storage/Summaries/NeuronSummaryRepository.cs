using LiteDB;
using NeuronViewer.Core.Records;

namespace NeuronViewer.Storage.Summaries;

/// <summary>
/// The neuron browser's rows. Persisted in LiteDB; queries run on an in-memory copy updated in commit order
/// (at 100k neurons LiteDB's indexes alone need 50–450 ms to count matches or sort by a second field; the copy
/// answers in 1–45 ms: see the `storage` benchmark).
/// </summary>
public sealed class NeuronSummaryRepository
{
    internal const string CollectionName = "summaries";
    private readonly LiteStore store;
    private readonly ILiteCollection<NeuronSummary> collection;
    private readonly Lazy<SummaryIndex> rows;

    internal NeuronSummaryRepository(LiteStore store)
    {
        this.store = store;
        collection = store.Collection<NeuronSummary>(CollectionName);
        collection.EnsureIndex(s => s.Layer);
        rows = new Lazy<SummaryIndex>(() => new SummaryIndex(collection.FindAll()));
    }

    /// <summary>Loads the rows into memory now (a second or so at 100k neurons) instead of at the first query.</summary>
    public void Preload() => _ = rows.Value;

    /// <summary>Number of neurons with a record or an explanation.</summary>
    public int Count => rows.Value.Count;

    public NeuronSummary? Get(NeuronId neuron) => rows.Value.Get(NeuronKey.Of(neuron));

    /// <summary>Every row in layer/index order (a snapshot).</summary>
    public IReadOnlyList<NeuronSummary> All() => rows.Value.Snapshot();

    /// <summary>Neurons per layer, by layer.</summary>
    public IReadOnlyDictionary<int, int> NeuronsPerLayer() =>
        new SortedDictionary<int, int>(rows.Value.Snapshot().GroupBy(s => s.Layer).ToDictionary(g => g.Key, g => g.Count()));

    /// <summary>Filters, sorts and pages the browser rows.</summary>
    public NeuronPage Query(NeuronQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        query.Validate();
        Func<NeuronSummary, double?>? sortValue = query.Sort switch
        {
            NeuronSort.Score => r => Score(r, query.ScoreKind),
            NeuronSort.MaxActivation => r => r.MaxActivation,
            NeuronSort.ExplanationCount => r => r.ExplanationCount,
            _ => null,
        };
        return rows.Value.Query(query, r => Score(r, query.ScoreKind), sortValue);
    }

    internal static double? Score(NeuronSummary row, ScoreKind kind) => kind switch
    {
        ScoreKind.TopAndRandom => row.TopAndRandomScore,
        ScoreKind.RandomOnly => row.RandomOnlyScore,
        _ => row.AblationScore,
    };

    /// <summary>The stored row as the current transaction sees it.</summary>
    internal NeuronSummary? Find(long key) => collection.FindById(key);

    internal void Put(NeuronSummary row)
    {
        collection.Upsert(row);
        store.AfterCommit(() => rows.Value.Set(row));
    }

    internal void Remove(long key)
    {
        collection.Delete(key);
        store.AfterCommit(() => rows.Value.Remove(key));
    }
}
