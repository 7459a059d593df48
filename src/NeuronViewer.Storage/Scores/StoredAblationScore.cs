using LiteDB;
using NeuronViewer.Core.Abstractions;
using NeuronViewer.Core.Records;

namespace NeuronViewer.Storage.Scores;

/// <summary>Ablation scoring of one explanation on one evaluation set (issue 6, spec §15.2): 1 − D(simulated) / D(mean-ablated).</summary>
public sealed class StoredAblationScore
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

    /// <summary>Null when the mean-ablated divergence is about 0; <see cref="NullReason"/> says why.</summary>
    public double? Score { get; set; }

    public string? NullReason { get; set; }

    /// <summary>Mean divergence with the neuron replaced by its calibrated simulation.</summary>
    public double DivergenceSimulated { get; set; }

    /// <summary>Mean divergence with the neuron pinned to its mean activation.</summary>
    public double DivergenceMeanAblated { get; set; }

    /// <summary>"jsd" (natural log) or "kl".</summary>
    public string Divergence { get; set; } = "jsd";

    /// <summary>Excerpts that took part.</summary>
    public int Excerpts { get; set; }

    /// <summary>Token positions the divergences are means over.</summary>
    public int Positions { get; set; }

    /// <summary>Excerpts of the set left out because their simulation failed (or the subject model could not read them); see <see cref="Failures"/>.</summary>
    public int FailedExcerpts { get; set; }

    public List<FailedSequence> Failures { get; set; } = [];

    /// <summary>The constant the neuron was pinned to for mean-ablation.</summary>
    public double MeanActivation { get; set; }

    /// <summary>Where <see cref="MeanActivation"/> came from: "record mean" or "random-sample mean".</summary>
    public string MeanSource { get; set; } = "record mean";

    public BackendInfo? Simulator { get; set; }

    public CalibrationInfo? Calibration { get; set; }

    public Provenance? Provenance { get; set; }

    public long? JobId { get; set; }

    public DateTime CreatedAt { get; set; } = DateTime.UtcNow;
}
