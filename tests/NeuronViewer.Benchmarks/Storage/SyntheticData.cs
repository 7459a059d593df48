using NeuronViewer.Core.Records;

namespace NeuronViewer.Benchmarks.Storage;

/// <summary>Paper-shaped synthetic data: a pool of 64-token excerpts and neuron records drawing ~200 excerpts each from it.</summary>
internal sealed class SyntheticData(int seed, int poolSize = 50_000, int excerptLength = 64)
{
    private readonly Random random = new(seed);
    private string[][]? pool;

    public static readonly string[] Words =
        ["years", "python code", "cats", "the end of a sentence", "html tags", "numbers", "negation", "plural nouns", "colours", "dates"];

    /// <summary>The excerpt pool (built on first use; touch it before timing writes).</summary>
    public string[][] Pool => pool ??= BuildPool();

    /// <summary>50 top, 50 random, 5 quantile groups of 20 (the paper's shape); activations float32-exact or rounded to 4 decimals like OpenAI's files.</summary>
    public NeuronRecord Record(NeuronId id, bool fourDecimals)
    {
        ActivationRecord Excerpt()
        {
            var tokens = Pool[random.Next(Pool.Length)];
            var values = new double[tokens.Length];
            for (var i = 0; i < values.Length; i++)
            {
                var v = random.NextDouble() < 0.9 ? -0.17 * random.NextDouble() : 4 * random.NextDouble();
                values[i] = fourDecimals ? Math.Round(v, 4) : (float)v;
            }
            return new ActivationRecord(tokens, values);
        }
        ActivationRecord[] Many(int n) => Enumerable.Range(0, n).Select(_ => Excerpt()).ToArray();
        return new NeuronRecord(id, Many(50), Enumerable.Range(0, 5).Select(_ => (IReadOnlyList<ActivationRecord>)Many(20)).ToArray(),
            [double.NaN, -0.0032, 0.5005, 1.5146, 2.3789, double.NaN], -0.05, 0.0053, 9.86, 195.6, Many(50));
    }

    public string Explanation(int i) => $"{Words[random.Next(Words.Length)]} and {Words[random.Next(Words.Length)]} #{i}";

    private string[][] BuildPool()
    {
        var vocabulary = Enumerable.Range(0, 8000).Select(i => (i % 3 == 0 ? " " : "") + Convert.ToString(i * 7919L % 1_000_003, 16)).ToArray();
        return Enumerable.Range(0, poolSize)
            .Select(_ => Enumerable.Range(0, excerptLength).Select(_ => vocabulary[random.Next(vocabulary.Length)]).ToArray())
            .ToArray();
    }
}
