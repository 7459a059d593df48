using LiteDB;
using NeuronViewer.Core.Records;
using NeuronViewer.Core.Search;

namespace NeuronViewer.Storage.Summaries;

/// <summary>One row of the neuron browser: the neuron, its max activation, and its best explanation with that explanation's scores.</summary>
public sealed class NeuronSummary
{
    /// <summary>The database key (layer in the high 32 bits, index in the low).</summary>
    [BsonId(false)]
    public long Key { get; internal set; }

    public int Layer { get; internal set; }

    public int Index { get; internal set; }

    [BsonIgnore]
    public NeuronId Neuron => new(Layer, Index);

    /// <summary>Whether a neuron record (excerpts and activations) is stored.</summary>
    public bool HasRecord { get; internal set; }

    public int? RunId { get; internal set; }

    public double? MaxActivation { get; internal set; }

    /// <summary>The non-control explanation with the best top-and-random score (or the first one when none is scored).</summary>
    public long? BestExplanationId { get; internal set; }

    public string? BestExplanation { get; internal set; }

    public double? TopAndRandomScore { get; internal set; }

    public double? RandomOnlyScore { get; internal set; }

    /// <summary>The best explanation's ablation score on the top-and-random set, when ablation scoring ran.</summary>
    public double? AblationScore { get; internal set; }

    public int ExplanationCount { get; internal set; }

    /// <summary>The best explanation's word stems for text search, computed on first use and again when the text changes.</summary>
    internal string[] SearchStems
    {
        get
        {
            var text = BestExplanation ?? "";
            if (searchStems is { } cached && ReferenceEquals(cached.Text, text))
                return cached.Stems;
            var fresh = new StemCache(text, ExplanationSearch.StemsOf(text));
            searchStems = fresh;
            return fresh.Stems;
        }
    }

    private StemCache? searchStems;

    private sealed record StemCache(string Text, string[] Stems);

    internal NeuronSummary With(Action<NeuronSummary> change)
    {
        var copy = (NeuronSummary)MemberwiseClone();
        change(copy);
        return copy;
    }
}
