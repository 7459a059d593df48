using System.Text;

namespace NeuronViewer.Storage.Rating;

/// <summary>
/// Deterministic shuffles from a string key (FNV-1a 64 → SplitMix64 → Fisher–Yates), identical on every machine and .NET
/// version: the candidates' order per annotator and task, and the excerpts' order per task.
/// </summary>
public static class SeededOrder
{
    /// <summary>The order an annotator sees a task's candidates in: stable for (annotator, task), different between annotators.</summary>
    public static int[] Candidates(string annotatorId, long taskId, int count) => Shuffle($"candidates\n{annotatorId}\n{taskId}", count);

    /// <summary>The order of a task's excerpts: the same for every annotator of the task.</summary>
    public static int[] Excerpts(long taskId, int count) => Shuffle($"excerpts\n{taskId}", count);

    /// <summary>A permutation of 0..count−1 determined by <paramref name="key"/>.</summary>
    public static int[] Shuffle(string key, int count)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var order = Enumerable.Range(0, count).ToArray();
        var state = Fnv1a(key);
        for (var i = count - 1; i > 0; i--)
        {
            var j = (int)(Next(ref state) % (ulong)(i + 1));
            (order[i], order[j]) = (order[j], order[i]);
        }
        return order;
    }

    /// <summary>A 64-bit seed from a string, e.g. for choosing control explanations.</summary>
    public static ulong Seed(string key) => Fnv1a(key);

    /// <summary>The next value of a SplitMix64 sequence.</summary>
    public static ulong Next(ref ulong state)
    {
        unchecked
        {
            state += 0x9E3779B97F4A7C15UL;
            var z = state;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }
    }

    private static ulong Fnv1a(string key)
    {
        unchecked
        {
            var hash = 0xCBF29CE484222325UL;
            foreach (var b in Encoding.UTF8.GetBytes(key))
                hash = (hash ^ b) * 0x100000001B3UL;
            return hash;
        }
    }
}
