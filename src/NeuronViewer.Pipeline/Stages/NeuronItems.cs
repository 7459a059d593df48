using System.Globalization;
using NeuronViewer.Core.Records;

namespace NeuronViewer.Pipeline.Stages;

/// <summary>Item keys of the stage jobs: "collect", and "{stage}:{layer}:{neuron}" per neuron.</summary>
public static class NeuronItems
{
    public const string CollectKey = "collect";

    public static string Key(string stage, NeuronId n) => string.Create(CultureInfo.InvariantCulture, $"{stage}:{n.LayerIndex}:{n.NeuronIndex}");

    /// <summary>The stage part of a key ("collect", "explain", "score").</summary>
    public static string Stage(string key) => key.Split(':')[0];

    /// <summary>The neuron of a per-neuron key.</summary>
    public static NeuronId Neuron(string key)
    {
        var parts = key.Split(':');
        if (parts.Length != 3
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var layer)
            || !int.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var index))
            throw new FormatException($"'{key}' is not a neuron item key like 'explain:3:117'.");
        return new NeuronId(layer, index);
    }
}
