using NeuronViewer.Core.Records;

namespace NeuronViewer.Core.Ablation;

/// <summary>Where the constant of mean-ablation came from.</summary>
public enum MeanSource
{
    /// <summary>The neuron record's mean over the whole corpus (<c>NeuronRecord.mean</c>).</summary>
    NeuronRecord,

    /// <summary>The mean over every token of the record's random sample (the record has no mean).</summary>
    RandomSample,
}

/// <summary>The activation a neuron is pinned to for mean-ablation, and where it came from.</summary>
public sealed record MeanActivation(double Value, MeanSource Source)
{
    /// <summary>"record mean" or "random-sample mean", as stored and printed.</summary>
    public string SourceName => Source == MeanSource.NeuronRecord ? "record mean" : "random-sample mean";

    /// <summary>The record's mean when it is finite, else the mean of its random sample; an ArgumentException when neither exists.</summary>
    public static MeanActivation For(NeuronRecord neuron)
    {
        ArgumentNullException.ThrowIfNull(neuron);
        if (double.IsFinite(neuron.Mean))
            return new MeanActivation(neuron.Mean, MeanSource.NeuronRecord);
        var sample = neuron.RandomSample.SelectMany(r => r.Activations).Where(double.IsFinite).ToList();
        return sample.Count > 0
            ? new MeanActivation(sample.Average(), MeanSource.RandomSample)
            : throw new ArgumentException($"Neuron {neuron.NeuronId} has no mean activation and no random sample to estimate one from.");
    }
}
