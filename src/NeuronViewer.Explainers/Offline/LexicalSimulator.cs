using NeuronViewer.Core.Abstractions;
using NeuronViewer.Core.Simulation;

namespace NeuronViewer.Explainers.Offline;

/// <summary>
/// Offline baseline simulator (no model): predicts 0–10 per token from what the explanation names — quoted tokens
/// (10), tokens after/before a quoted word (10), token classes (8), content-word stems (6) — and, when the subject
/// model's token embeddings are given, from cosine similarity to the explanation's words. Deterministic.
/// </summary>
public sealed class LexicalSimulator(ITokenEmbeddings? embeddings = null) : ISimulator
{
    public const string Version = "lexical-v1";

    public BackendInfo Info { get; } = new("offline", embeddings is null ? "lexical" : "lexical+embeddings", Version, IsBaseline: true);

    public Task<SimulationOutcome> SimulateAsync(string explanation, IReadOnlyList<string> tokens, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        var reading = ExplanationReading.Parse(explanation ?? "");
        var wordVectors = WordVectors(reading);
        var predictions = tokens.Select((t, i) => TokenPrediction.Point(Predict(reading, wordVectors, tokens, i))).ToList();
        var simulation = ExpectedValues.ToSequenceSimulation(tokens, predictions);
        return Task.FromResult(SimulationOutcome.Success(simulation, Usage.None));
    }

    private double Predict(ExplanationReading r, List<float[]> wordVectors, IReadOnlyList<string> tokens, int i)
    {
        var token = tokens[i];
        var key = TokenClasses.Key(token);
        if (key.Length == 0)
            return 0;
        if (r.Quoted.Contains(key)
            || (i > 0 && r.After.Contains(TokenClasses.Key(tokens[i - 1])))
            || (i + 1 < tokens.Count && r.Before.Contains(TokenClasses.Key(tokens[i + 1]))))
            return 10;
        if ((r.Numbers && TokenClasses.IsNumber(token)) || (r.Punctuation && TokenClasses.IsPunctuation(token))
            || (r.Capitalised && TokenClasses.IsCapitalised(token))
            || r.Suffixes.Any(s => key.Length > s.Length && key.EndsWith(s, StringComparison.Ordinal)))
            return 8;
        var stem = TokenClasses.Stem(key);
        if (stem.Length >= 3 && r.ContentStems.Any(s => s == stem || (s.Length >= 4 && stem.Length >= 4 && (s.StartsWith(stem, StringComparison.Ordinal) || stem.StartsWith(s, StringComparison.Ordinal)))))
            return 6;
        return Similarity(token, wordVectors);
    }

    private List<float[]> WordVectors(ExplanationReading r) =>
        embeddings is null ? [] : [.. r.ContentWords.Select(w => embeddings.Vector(" " + w) ?? embeddings.Vector(w)).OfType<float[]>()];

    /// <summary>Cosine similarity above 0.35 rises linearly to 6 at 0.8.</summary>
    private double Similarity(string token, List<float[]> wordVectors)
    {
        if (wordVectors.Count == 0 || embeddings!.Vector(token) is not { } v)
            return 0;
        var best = wordVectors.Max(w => Cosine(v, w));
        return Math.Round(6 * Math.Clamp((best - 0.35) / 0.45, 0, 1), 3);
    }

    private static double Cosine(float[] a, float[] b)
    {
        double dot = 0, na = 0, nb = 0;
        for (var i = 0; i < Math.Min(a.Length, b.Length); i++)
        {
            dot += a[i] * b[i];
            na += a[i] * a[i];
            nb += b[i] * b[i];
        }
        return na == 0 || nb == 0 ? 0 : dot / Math.Sqrt(na * nb);
    }
}
