using LiteDB;
using NeuronViewer.Core.Abstractions;
using NeuronViewer.Core.Records;

namespace NeuronViewer.Storage.Scores;

/// <summary>The evaluation set an explanation was scored on (spec §4).</summary>
public enum EvaluationSet
{
    /// <summary>The valid split: top-activating excerpts followed by random ones.</summary>
    TopAndRandom,

    /// <summary>Random excerpts only.</summary>
    RandomOnly,
}

/// <summary>The calibration applied to simulated activations before scoring: a method name and its fitted parameters.</summary>
public sealed class CalibrationInfo
{
    /// <summary>For example "none", "linear" (parameters: slope, intercept) or "percentile".</summary>
    public string Method { get; set; } = "none";

    public List<double> Parameters { get; set; } = [];

    /// <summary>Excerpts the calibration was fitted on.</summary>
    public int Records { get; set; }
}

/// <summary>A sequence the simulator could not simulate: recorded with its reason and raw response, never turned into zeros.</summary>
public sealed class FailedSequence
{
    /// <summary>Position of the excerpt in the evaluation set.</summary>
    public int SequenceIndex { get; set; }

    public List<string> Tokens { get; set; } = [];

    public string Reason { get; set; } = "";

    public string? RawResponse { get; set; }
}

/// <summary>Correlation scoring of one explanation on one evaluation set: pooled scores here, the full ScoredSimulation stored beside it.</summary>
public sealed class StoredScore
{
    [BsonId(true)]
    public long Id { get; set; }

    public long ExplanationId { get; set; }

    public long NeuronKey { get; set; }

    public int Layer { get; set; }

    public int Index { get; set; }

    [BsonIgnore]
    public NeuronId Neuron => new(Layer, Index);

    public EvaluationSet Set { get; set; }

    /// <summary>The pooled correlation (the preferred score), copied from the simulation when saved.</summary>
    public double? EvCorrelationScore { get; set; }

    public double? RsquaredScore { get; set; }

    public double? AbsoluteDevExplainedScore { get; set; }

    public int SequenceCount { get; set; }

    public BackendInfo? Simulator { get; set; }

    public CalibrationInfo? Calibration { get; set; }

    public List<FailedSequence> Failures { get; set; } = [];

    public Provenance? Provenance { get; set; }

    public Usage Usage { get; set; }

    public decimal? EstimatedCostUsd { get; set; }

    public long? JobId { get; set; }

    public DateTime CreatedAt { get; set; } = DateTime.UtcNow;

    /// <summary>Every scored sequence; stored in its own collection and loaded on request (null when not loaded).</summary>
    [BsonIgnore]
    public ScoredSimulation? Simulation { get; set; }
}
