namespace NeuronViewer.Pipeline.Subject;

/// <summary>One layer's neuron activations for a text: tokens, and values [position][neuron].</summary>
public sealed record TextActivations(
    int Layer,
    IReadOnlyList<string> Tokens,
    IReadOnlyList<int> TokenIds,
    IReadOnlyList<float[]> Values,
    bool Truncated)
{
    /// <summary>One neuron's activation at every position.</summary>
    public double[] Neuron(int index)
    {
        if (Values.Count > 0 && (index < 0 || index >= Values[0].Length))
            throw new ArgumentOutOfRangeException(nameof(index), $"Neuron {index} is out of range: the layer has neurons 0-{Values[0].Length - 1}.");
        return Values.Select(row => (double)row[index]).ToArray();
    }
}

/// <summary>Thrown when the interactive queue is full: the caller should say so and let the user try again.</summary>
public sealed class SubjectModelBusyException(string message) : Exception(message);
