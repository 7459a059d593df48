using NeuronViewer.Core.Records;

namespace NeuronViewer.Core.Json;

/// <summary>The JSON string values of <see cref="ActivationScale"/>.</summary>
public static class ActivationScaleNames
{
    public const string NeuronActivations = "neuron_activations";
    public const string SimulatedNormalizedActivations = "simulated_normalized_activations";

    public static string ToJson(ActivationScale scale) => scale switch
    {
        ActivationScale.NeuronActivations => NeuronActivations,
        ActivationScale.SimulatedNormalizedActivations => SimulatedNormalizedActivations,
        _ => throw new ArgumentOutOfRangeException(nameof(scale), scale, "Unknown activation scale."),
    };

    /// <summary>The scale for a JSON value, or null when the value is not one of the two names.</summary>
    public static ActivationScale? FromJson(string value) => value switch
    {
        NeuronActivations => ActivationScale.NeuronActivations,
        SimulatedNormalizedActivations => ActivationScale.SimulatedNormalizedActivations,
        _ => null,
    };
}
