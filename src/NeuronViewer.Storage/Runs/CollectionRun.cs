using LiteDB;

namespace NeuronViewer.Storage.Runs;

/// <summary>One activation collection (or import): the provenance shared by every neuron record it produced.</summary>
public sealed class CollectionRun
{
    /// <summary>Assigned by the database when the run is created.</summary>
    [BsonId(true)]
    public int Id { get; set; }

    public string SubjectModel { get; set; } = "";

    public string SubjectModelRevision { get; set; } = "";

    public string DType { get; set; } = "float32";

    public string ActivationFunction { get; set; } = "";

    /// <summary>The corpus or dataset the excerpts came from.</summary>
    public string Dataset { get; set; } = "";

    public List<int> Layers { get; set; } = [];

    /// <summary>Tokens per excerpt (64 in the paper).</summary>
    public int ExcerptLength { get; set; }

    public int? Seed { get; set; }

    /// <summary>"collected" by our subject model, or "imported" from files.</summary>
    public string Source { get; set; } = "collected";

    public string? Notes { get; set; }

    public DateTime CreatedAt { get; set; } = DateTime.UtcNow;
}
