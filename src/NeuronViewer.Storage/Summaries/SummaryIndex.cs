using System.Collections.Concurrent;
using NeuronViewer.Core.Search;

namespace NeuronViewer.Storage.Summaries;

/// <summary>The browser rows in memory: a dictionary for updates and a snapshot sorted by neuron, rebuilt after changes, that queries filter and sort.</summary>
internal sealed class SummaryIndex(IEnumerable<NeuronSummary> initial)
{
    private readonly ConcurrentDictionary<long, NeuronSummary> rows = new(initial.Select(r => KeyValuePair.Create(r.Key, r)));
    private readonly Lock rebuild = new();
    private int version;
    private (int Version, NeuronSummary[] Rows)? snapshot;

    public int Count => rows.Count;

    public NeuronSummary? Get(long key) => rows.GetValueOrDefault(key);

    public void Set(NeuronSummary row)
    {
        rows[row.Key] = row;
        Interlocked.Increment(ref version);
    }

    public void Remove(long key)
    {
        rows.TryRemove(key, out _);
        Interlocked.Increment(ref version);
    }

    /// <summary>Every row, sorted by neuron.</summary>
    public NeuronSummary[] Snapshot()
    {
        var current = Volatile.Read(ref version);
        if (snapshot is { } s && s.Version == current)
            return s.Rows;
        lock (rebuild)
        {
            current = Volatile.Read(ref version);
            if (snapshot is { } again && again.Version == current)
                return again.Rows;
            var items = new List<NeuronSummary>(rows.Count);
            foreach (var pair in rows)
                items.Add(pair.Value);
            var array = items.ToArray();
            Array.Sort(array.Select(r => r.Key).ToArray(), array);
            snapshot = (current, array);
            return array;
        }
    }

    public NeuronPage Query(NeuronQuery query, Func<NeuronSummary, double?> score, Func<NeuronSummary, double?>? sortValue)
    {
        var all = Snapshot();
        var search = ExplanationSearch.Parse(query.Text);
        var ranged = query.MinScore is not null || query.MaxScore is not null;
        var matches = new List<int>();
        for (var i = 0; i < all.Length; i++)
        {
            var row = all[i];
            if (query.Layer is { } layer && row.Layer != layer)
                continue;
            if (ranged && (score(row) is not { } value || value < query.MinScore || value > query.MaxScore))
                continue;
            if (!search.IsEmpty && (row.BestExplanation is not { } text || !search.Matches(text, row.SearchStems)))
                continue;
            matches.Add(i);
        }
        IEnumerable<int> ordered;
        if (sortValue is null)
        {
            ordered = query.Descending ? Enumerable.Reverse(matches) : matches;
        }
        else
        {
            var entries = new SortEntry[matches.Count];
            for (var j = 0; j < entries.Length; j++)
            {
                var v = sortValue(all[matches[j]]);
                entries[j] = new SortEntry(v is null, v is { } x ? (query.Descending ? -x : x) : 0, matches[j]);
            }
            Array.Sort(entries);
            ordered = entries.Select(e => e.Position);
        }
        var page = ordered.Skip(query.Skip).Take(query.Take).Select(i => all[i]).ToArray();
        return new NeuronPage(page, matches.Count);
    }

    /// <summary>Sort key: rows without a value last, then by value, then by neuron (the snapshot position).</summary>
    private readonly record struct SortEntry(bool Missing, double Value, int Position) : IComparable<SortEntry>
    {
        public int CompareTo(SortEntry other)
        {
            if (Missing != other.Missing)
                return Missing ? 1 : -1;
            var c = Value.CompareTo(other.Value);
            return c != 0 ? c : Position.CompareTo(other.Position);
        }
    }
}
