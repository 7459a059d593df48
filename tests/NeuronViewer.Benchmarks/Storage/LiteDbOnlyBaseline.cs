using LiteDB;
using NeuronViewer.Storage.Summaries;

namespace NeuronViewer.Benchmarks.Storage;

/// <summary>The design not taken, measured side by side: the same browser rows in a LiteDB collection with indexes, queried by LiteDB alone.</summary>
internal sealed class LiteDbOnlyBaseline : IDisposable
{
    private readonly LiteDatabase database;
    private readonly ILiteCollection<NeuronSummary> rows;

    public LiteDbOnlyBaseline(string folder, NeuronSummaryRepository source)
    {
        Directory.CreateDirectory(folder);
        database = new LiteDatabase($"Filename={Path.Combine(folder, "baseline.db")};Connection=direct");
        rows = database.GetCollection<NeuronSummary>("summaries");
        var total = source.Count;
        for (var skip = 0; skip < total; skip += NeuronQuery.MaxTake)
            rows.InsertBulk(source.Query(new NeuronQuery { Skip = skip, Take = NeuronQuery.MaxTake }).Items);
        rows.EnsureIndex(r => r.Layer);
        rows.EnsureIndex(r => r.TopAndRandomScore);
        rows.EnsureIndex(r => r.MaxActivation);
        rows.EnsureIndex("text", "LOWER($.BestExplanation)");
    }

    /// <summary>A page and the total, as LiteDB computes them with its indexes.</summary>
    public (int Count, int Total) Query(NeuronQuery query)
    {
        var q = rows.Query();
        if (query.Layer is { } layer)
            q = q.Where(r => r.Layer == layer);
        if (query.MinScore is { } min)
            q = q.Where(r => r.TopAndRandomScore >= min);
        if (query.MaxScore is { } max)
            q = q.Where(r => r.TopAndRandomScore <= max);
        if (query.Text is { } text)
            q = q.Where("LOWER($.BestExplanation) LIKE @0", "%" + text.ToLowerInvariant() + "%");
        var total = q.Count();
        var ordered = query.Sort switch
        {
            NeuronSort.Score => query.Descending ? q.OrderByDescending(r => r.TopAndRandomScore) : q.OrderBy(r => r.TopAndRandomScore),
            NeuronSort.MaxActivation => query.Descending ? q.OrderByDescending(r => r.MaxActivation) : q.OrderBy(r => r.MaxActivation),
            _ => q.OrderBy(r => r.Key),
        };
        return (ordered.Skip(query.Skip).Limit(query.Take).ToList().Count, total);
    }

    public void Dispose() => database.Dispose();
}
