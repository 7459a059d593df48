namespace NeuronViewer.Core.Collection;

/// <summary>
/// A small deterministic pseudo-random generator (SplitMix64). Its whole state is one <see cref="ulong"/>, so it can be
/// saved in a checkpoint and restored exactly; the same seed gives the same sequence on every machine.
/// </summary>
public struct SplitMix64
{
    private const ulong Gamma = 0x9E3779B97F4A7C15UL;

    public SplitMix64(ulong seed) => State = seed;

    /// <summary>The generator's entire state.</summary>
    public ulong State { get; set; }

    /// <summary>A generator for sub-stream <paramref name="stream"/> of a seed (independent-looking streams, e.g. one per neuron).</summary>
    public static SplitMix64 ForStream(ulong seed, ulong stream) => new(Mix(seed ^ Mix(stream + Gamma)));

    /// <summary>The SplitMix64 output function: a bijective 64-bit mix.</summary>
    public static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    public ulong NextUInt64()
    {
        State += Gamma;
        return Mix(State);
    }

    /// <summary>A uniform double in [0, 1) with 53 random bits.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>A uniform double in (0, 1): never exactly 0, so it is safe inside a logarithm.</summary>
    public double NextOpenDouble() => ((NextUInt64() >> 11) + 0.5) * (1.0 / (1UL << 53));

    /// <summary>A uniform integer in [0, bound) without modulo bias.</summary>
    public long NextInt64(long bound)
    {
        if (bound <= 0) throw new ArgumentOutOfRangeException(nameof(bound), "The bound must be positive.");
        ulong b = (ulong)bound, limit = ulong.MaxValue - ulong.MaxValue % b;
        ulong x;
        do x = NextUInt64(); while (x >= limit);
        return (long)(x % b);
    }

    /// <summary>Shuffles a list in place (Fisher–Yates).</summary>
    public void Shuffle<T>(IList<T> items)
    {
        for (int i = items.Count - 1; i > 0; i--)
        {
            int j = (int)NextInt64(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }
}
