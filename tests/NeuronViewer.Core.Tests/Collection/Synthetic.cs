using NeuronViewer.Core.Collection;

namespace NeuronViewer.Core.Tests.Collection;

/// <summary>Deterministic synthetic activations: GELU-like values with heavy-tailed spikes, and token ids.</summary>
public static class Synthetic
{
    public const int Vocab = 40;

    public static float Value(long excerpt, int neuron, int position, ulong seed = 7)
    {
        var rng = SplitMix64.ForStream(seed, (ulong)excerpt * 1_000_003UL + (ulong)neuron * 131UL + (ulong)position);
        double u1 = rng.NextOpenDouble(), u2 = rng.NextDouble();
        double normal = Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
        double x = normal - 1 + (rng.NextDouble() < 0.01 ? 4 * rng.NextDouble() : 0) + 0.02 * (neuron % 5);
        return (float)(0.5 * x * (1 + Math.Tanh(Math.Sqrt(2 / Math.PI) * (x + 0.044715 * x * x * x))));
    }

    public static int Token(long excerpt, int position) =>
        (int)(SplitMix64.Mix((ulong)excerpt * 64 + (ulong)position) % Vocab);

    /// <summary>A batch of excerpts [first, first+count) of the given length, neuron-major.</summary>
    public static ActivationBatch Batch(long first, int count, int tokens, int neurons)
    {
        var values = new float[count * tokens * neurons];
        var ids = new int[count * tokens];
        for (int e = 0; e < count; e++)
            for (int t = 0; t < tokens; t++)
            {
                ids[e * tokens + t] = Token(first + e, t);
                for (int n = 0; n < neurons; n++)
                    values[(n * count + e) * tokens + t] = Value(first + e, n, t);
            }
        return new ActivationBatch(first, count, tokens, neurons, values, ids);
    }

    /// <summary>Runs both passes over excerpts [0, excerpts) in batches.</summary>
    public static NeuronRecordBuilder Collect(int excerpts, int neurons, CollectionSettings settings, int batch = 16, int tokens = 16, IReadOnlyList<int>? tracked = null)
    {
        var b = new NeuronRecordBuilder(3, neurons, settings, tracked ?? Enumerable.Range(0, Vocab).ToList());
        for (int first = 0; first < excerpts; first += batch)
            b.ObserveFirstPass(Batch(first, Math.Min(batch, excerpts - first), tokens, neurons));
        b.BeginSecondPass();
        for (int first = 0; first < excerpts; first += batch)
            b.ObserveSecondPass(Batch(first, Math.Min(batch, excerpts - first), tokens, neurons));
        return b;
    }

    /// <summary>numpy.percentile's default (linear) of the values.</summary>
    public static double Percentile(IReadOnlyList<double> values, double q)
    {
        var sorted = values.Order().ToArray();
        double pos = q * (sorted.Length - 1);
        int lo = (int)Math.Floor(pos), hi = Math.Min(lo + 1, sorted.Length - 1);
        return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
    }

    /// <summary>Token strings for an excerpt of the given length: "#index" first, so a record names its excerpt.</summary>
    public static Func<long, IReadOnlyList<string>> TokensFor(int tokens) =>
        excerpt => Enumerable.Range(0, tokens).Select(t => t == 0 ? $"#{excerpt}" : $"t{t}").ToList();
}
