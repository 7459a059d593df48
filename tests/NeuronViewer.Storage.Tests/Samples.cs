using NeuronViewer.Core.Abstractions;
using NeuronViewer.Core.Records;
using NeuronViewer.Storage.Runs;

namespace NeuronViewer.Storage.Tests;

/// <summary>Synthetic records and runs for tests, built from a seed.</summary>
public static class Samples
{
    public static CollectionRun Run(string model = "test-gpt2") => new()
    {
        SubjectModel = model, SubjectModelRevision = "r1", DType = "float32", ActivationFunction = "gelu_new",
        Dataset = "test corpus", Layers = [0, 1], ExcerptLength = 8, Seed = 7,
    };

    /// <summary>Excerpts of 8 tokens drawn from a shared pool, so neurons share some excerpts.</summary>
    public static NeuronRecord Record(NeuronId id, int seed, IReadOnlyList<string[]>? pool = null)
    {
        var random = new Random(seed);
        pool ??= Pool(30, 99);
        ActivationRecord Excerpt() =>
            new(pool[random.Next(pool.Count)], Enumerable.Range(0, 8).Select(_ => (double)(float)(random.NextDouble() * 4 - 1)).ToArray());
        ActivationRecord[] Many(int n) => Enumerable.Range(0, n).Select(_ => Excerpt()).ToArray();
        return new NeuronRecord(
            id, Many(6), [Many(2), Many(2), Many(2)], [double.NaN, 0.5, 1.5, double.NaN],
            random.NextDouble(), random.NextDouble(), 1.5, double.NaN, Many(8));
    }

    public static string[][] Pool(int count, int seed)
    {
        var random = new Random(seed);
        string[] words = [" the", " cat", "\n", " über", "🙂", "", " <script>", "\ud800", " 1984", ","];
        return Enumerable.Range(0, count).Select(_ => Enumerable.Range(0, 8).Select(_ => words[random.Next(words.Length)]).ToArray()).ToArray();
    }

    public static BackendInfo Explainer => new("openai-chat", "gpt-4o", "v1", false);

    public static Provenance Provenance => new("test-gpt2", "r1", "float32", "gelu_new", "test corpus", "gpt-4o", "gpt-4o-mini", "v1", 7,
        new DateTimeOffset(2024, 5, 6, 7, 8, 9, TimeSpan.FromHours(2)));
}
