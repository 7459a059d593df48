namespace NeuronViewer.Core.Collection;

/// <summary>
/// One layer's activations for a batch of consecutive excerpts of equal length, neuron-major:
/// value of neuron n, excerpt e, position t at <c>[n·(Excerpts·Tokens) + e·Tokens + t]</c>.
/// </summary>
public sealed class ActivationBatch
{
    public ActivationBatch(long firstExcerptIndex, int excerpts, int tokens, int neurons, float[] neuronMajor, int[] tokenIds)
    {
        if (neuronMajor.Length != (long)excerpts * tokens * neurons)
            throw new ArgumentException($"Expected {excerpts}×{tokens}×{neurons} activations, got {neuronMajor.Length}.");
        if (tokenIds.Length != excerpts * tokens)
            throw new ArgumentException($"Expected {excerpts}×{tokens} token ids, got {tokenIds.Length}.");
        (FirstExcerptIndex, Excerpts, Tokens, Neurons, Values, TokenIds) = (firstExcerptIndex, excerpts, tokens, neurons, neuronMajor, tokenIds);
    }

    /// <summary>The corpus-stream index of the first excerpt; the others follow consecutively.</summary>
    public long FirstExcerptIndex { get; }

    public int Excerpts { get; }

    public int Tokens { get; }

    public int Neurons { get; }

    public float[] Values { get; }

    /// <summary>Token ids, excerpt-major: <c>[e·Tokens + t]</c>.</summary>
    public int[] TokenIds { get; }

    /// <summary>All values of one neuron over the batch.</summary>
    public ReadOnlySpan<float> Neuron(int n) => Values.AsSpan(n * Excerpts * Tokens, Excerpts * Tokens);

    /// <summary>One neuron's activations in one excerpt.</summary>
    public ReadOnlySpan<float> Excerpt(int n, int e) => Values.AsSpan((n * Excerpts + e) * Tokens, Tokens);

    /// <summary>Builds a batch from token-major values <c>[e, t, n]</c> (transposing them).</summary>
    public static ActivationBatch FromTokenMajor(long firstExcerptIndex, int excerpts, int tokens, int neurons, float[] tokenMajor, int[] tokenIds)
    {
        var values = new float[tokenMajor.Length];
        int positions = excerpts * tokens;
        for (int p = 0; p < positions; p++)
            for (int n = 0; n < neurons; n++)
                values[n * positions + p] = tokenMajor[p * neurons + n];
        return new ActivationBatch(firstExcerptIndex, excerpts, tokens, neurons, values, tokenIds);
    }
}
