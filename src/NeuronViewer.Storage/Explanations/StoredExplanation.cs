using LiteDB;
using NeuronViewer.Core.Abstractions;
using NeuronViewer.Core.Records;

namespace NeuronViewer.Storage.Explanations;

/// <summary>Where a candidate explanation came from (issue 5 composes candidates from several sources).</summary>
public enum ExplanationSource
{
    /// <summary>Written by an explainer model (or an offline baseline explainer).</summary>
    Explainer,

    /// <summary>The token look-up-table baseline.</summary>
    TokenLookupBaseline,

    /// <summary>Written by a person.</summary>
    HumanWritten,

    /// <summary>A control: another neuron's explanation, shown to check that raters and scores can tell.</summary>
    Control,

    /// <summary>Read from an OpenAI explanations file.</summary>
    Imported,
}

/// <summary>One candidate explanation of a neuron, with its backend, provenance and cost.</summary>
public sealed class StoredExplanation
{
    /// <summary>Assigned by the database when the explanation is added.</summary>
    [BsonId(true)]
    public long Id { get; set; }

    /// <summary>The database key of the neuron (set when added).</summary>
    public long NeuronKey { get; set; }

    public int Layer { get; set; }

    public int Index { get; set; }

    [BsonIgnore]
    public NeuronId Neuron
    {
        get => new(Layer, Index);
        set => (Layer, Index) = (value.LayerIndex, value.NeuronIndex);
    }

    public string Text { get; set; } = "";

    public ExplanationSource Source { get; set; }

    /// <summary>The explainer that wrote it; null for human-written and imported explanations without one.</summary>
    public BackendInfo? Backend { get; set; }

    /// <summary>Whether it comes from an offline baseline rather than a real explainer model.</summary>
    public bool IsBaseline { get; set; }

    [BsonIgnore]
    public bool IsHumanWritten => Source == ExplanationSource.HumanWritten;

    [BsonIgnore]
    public bool IsControl => Source == ExplanationSource.Control;

    /// <summary>For a control, the neuron the explanation was written for.</summary>
    public NeuronId? ControlFrom { get; set; }

    /// <summary>The person who wrote a human-written explanation.</summary>
    public string? Author { get; set; }

    /// <summary>Position among the explainer's samples for this neuron (0-based).</summary>
    public int? SampleIndex { get; set; }

    public Provenance? Provenance { get; set; }

    public Usage Usage { get; set; }

    public decimal? EstimatedCostUsd { get; set; }

    /// <summary>The job that produced it, if any.</summary>
    public long? JobId { get; set; }

    public DateTime CreatedAt { get; set; } = DateTime.UtcNow;
}
