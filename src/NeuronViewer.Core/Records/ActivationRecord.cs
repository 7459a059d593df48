namespace NeuronViewer.Core.Records;

/// <summary>A text excerpt as subject-model tokens, with the neuron's raw activation at every token.</summary>
public sealed record ActivationRecord
{
    public ActivationRecord(IReadOnlyList<string> tokens, IReadOnlyList<double> activations)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        ArgumentNullException.ThrowIfNull(activations);
        if (tokens.Count != activations.Count)
            throw new ArgumentException(
                $"An activation record needs one activation per token: {tokens.Count} tokens but {activations.Count} activations.");
        Tokens = tokens;
        Activations = activations;
    }

    /// <summary>Token strings as the subject tokenizer decodes them (leading spaces kept).</summary>
    public IReadOnlyList<string> Tokens { get; }

    /// <summary>Raw activations, one per token.</summary>
    public IReadOnlyList<double> Activations { get; }

    /// <summary>The excerpt's maximum raw activation (its figure of merit for ranking); NaN when empty.</summary>
    public double MaxActivation => Activations.Count == 0 ? double.NaN : Activations.Max();
}
