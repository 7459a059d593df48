using System.Collections.Concurrent;
using LiteDB;
using NeuronViewer.Core.Records;

namespace NeuronViewer.Storage.Summaries;

/// <summary>
/// The neuron browser's rows. Persisted in LiteDB; queries run on an in-memory copy kept in commit order
/// (LiteDB needs 50–250 ms at 100k neurons to count matches or sort by a second field; the copy answers in a few ms).
/// </summary>
public sealed class NeuronSummaryRepository
{
    internal const string CollectionName = "summaries";
    private readonly LiteStore store;
    private readonly ILiteCollection<NeuronSummary> collection;
    private readonly Lazy<ConcurrentDictionary<long, NeuronSummary>> rows;

    internal NeuronSummaryRepository(LiteStore store)
    {
        this.store = store;
        collection = store.Collection<NeuronSummary>(CollectionName);
        collection.EnsureIndex(s => s.Layer);
        rows = new Lazy<ConcurrentDictionary<long, NeuronSummary>>(
            () => new ConcurrentDictionary<long, NeuronSummary>(collection.FindAll().Select(s => KeyValuePair.Create(s.Key, s))));
    }

    /// <summary>Number of neurons with a record or an explanation.</summary>
    public int Count => rows.Value.Count;

    public NeuronSummary? Get(NeuronId neuron) => rows.Value.GetValueOrDefault(NeuronKey.Of(neuron));

    /// <summary>Neurons per layer, by layer.</summary>
    public IReadOnlyDictionary<int, int> NeuronsPerLayer() =>
        new SortedDictionary<int, int>(rows.Value.Values.GroupBy(s => s.Layer).ToDictionary(g => g.Key, g => g.Count()));

    /// <summary>Filters, sorts and pages the browser rows.</summary>
    public NeuronPage Query(NeuronQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        query.Validate();
        var text = string.IsNullOrWhiteSpace(query.Text) ? null : query.Text.Trim();
        var matches = new List<NeuronSummary>();
        foreach (var row in rows.Value.Values)
        {
            if (query.Layer is { } layer && row.Layer != layer)
                continue;
            if (query.MinScore is not null || query.MaxScore is not null)
            {
                if (Score(row, query.ScoreKind) is not { } score || score < query.MinScore || score > query.MaxScore)
                    continue;
            }
            if (text is not null && (row.BestExplanation is null || !row.BestExplanation.Contains(text, StringComparison.OrdinalIgnoreCase)))
                continue;
            matches.Add(row);
        }
        var array = matches.ToArray();
        Array.Sort(array, Comparer(query));
        var page = array.Skip(query.Skip).Take(query.Take).ToArray();
        return new NeuronPage(page, array.Length);
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
        store.AfterCommit(() => rows.Value[row.Key] = row);
    }

    internal void Remove(long key)
    {
        collection.Delete(key);
        store.AfterCommit(() => rows.Value.TryRemove(key, out _));
    }

    private static Comparison<NeuronSummary> Comparer(NeuronQuery query)
    {
        Func<NeuronSummary, double?>? value = query.Sort switch
        {
            NeuronSort.Score => r => Score(r, query.ScoreKind),
            NeuronSort.MaxActivation => r => r.MaxActivation,
            NeuronSort.ExplanationCount => r => r.ExplanationCount,
            _ => null,
        };
        var sign = query.Descending ? -1 : 1;
        if (value is null)
            return (a, b) => sign * a.Key.CompareTo(b.Key);
        return (a, b) =>
        {
            var (x, y) = (value(a), value(b));
            if (x is null || y is null)
                return x is null && y is null ? a.Key.CompareTo(b.Key) : x is null ? 1 : -1;
            var c = sign * x.Value.CompareTo(y.Value);
            return c != 0 ? c : a.Key.CompareTo(b.Key);
        };
    }
}
