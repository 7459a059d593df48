using NeuronViewer.Core.Abstractions;
using NeuronViewer.Core.Simulation;

namespace NeuronViewer.Explainers.Offline;

/// <summary>
/// Offline baseline simulator (no model): predicts 0–10 per token from what the explanation names (see
/// <see cref="ExplanationReading"/>) — named tokens and numbers and tokens after/before a named one (10), token classes
/// and stems of quoted examples (8), content-word stems (6) — and, when the subject model's token embeddings are given,
/// from cosine similarity to the explanation's words. Exclusions ("but not …") give 0; "only when negated" keeps only
/// tokens shortly after a negation. Deterministic.
/// </summary>
public sealed class LexicalSimulator(ITokenEmbeddings? embeddings = null) : ISimulator
{
    public const string Version = "lexical-v2";

    public BackendInfo Info { get; } = new("offline", embeddings is null ? "lexical" : "lexical+embeddings", Version, IsBaseline: true);

    public Task<SimulationOutcome> SimulateAsync(string explanation, IReadOnlyList<string> tokens, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        var reading = ExplanationReading.Parse(explanation ?? "");
        var context = new SequenceContext(tokens, NumberSpans.Find(tokens));
        var classMatches = ClassMatches(reading, context);
        var weak = !(reading.Strict && reading.HasSpecificRule);
        var wordVectors = weak ? WordVectors(reading) : [];
        var predictions = tokens.Select((_, i) =>
        {
            var value = Predict(reading, context, classMatches, i, weak, wordVectors);
            if (reading.NegatedOnly && !TokenClasses.IsNegatedAt(tokens, i))
                value = 0;
            return TokenPrediction.Point(value);
        }).ToList();
        return Task.FromResult(SimulationOutcome.Success(ExpectedValues.ToSequenceSimulation(tokens, predictions), Usage.None));
    }

    private sealed record SequenceContext(IReadOnlyList<string> Tokens, List<NumberSpan> Spans)
    {
        public NumberSpan? SpanAt(int i) => Spans.FirstOrDefault(s => s.Contains(i));

        /// <summary>The key of the nearest non-blank token before (step −1) or after (+1) position i.</summary>
        public string Neighbour(int i, int step)
        {
            for (var j = i + step; j >= 0 && j < Tokens.Count; j += step)
            {
                var key = TokenClasses.Key(Tokens[j]);
                if (key.Length > 0)
                    return key;
            }
            return "";
        }
    }

    private double Predict(ExplanationReading r, SequenceContext c, bool[] classMatches, int i, bool weak, List<float[]> wordVectors)
    {
        var token = c.Tokens[i];
        var key = TokenClasses.Key(token);
        if (key.Length == 0)
            return 0;
        var stem = TokenClasses.Stem(key);
        if (r.ExcludedKeys.Contains(key) || r.ExcludedStems.Contains(stem))
            return 0;
        var span = c.SpanAt(i);
        if (r.Named.Contains(key) || (span is not null && r.NamedNumbers.Contains(span.Digits))
            || r.After.Contains(c.Neighbour(i, -1)) || r.Before.Contains(c.Neighbour(i, +1)))
            return 10;
        if (classMatches[i] || (stem.Length >= 3 && r.ExampleStems.Contains(stem)))
            return 8;
        if (!weak)
            return 0;
        if (stem.Length >= 3 && r.ContentStems.Any(s => s == stem || (s.Length >= 4 && stem.Length >= 4 && (s.StartsWith(stem, StringComparison.Ordinal) || stem.StartsWith(s, StringComparison.Ordinal)))))
            return 6;
        return Similarity(token, wordVectors);
    }

    /// <summary>Which tokens belong to a class the explanation names; with an ordinal, only the n-th distinct match (by key).</summary>
    private static bool[] ClassMatches(ExplanationReading r, SequenceContext c)
    {
        var matches = new bool[c.Tokens.Count];
        for (var i = 0; i < matches.Length; i++)
            matches[i] = InClass(r, c, i);
        if (r.Ordinal is not { } n)
            return matches;
        var keys = Enumerable.Range(0, matches.Length).Where(i => matches[i]).Select(i => ClassKey(c, i)).Distinct().ToList();
        var chosen = n == -1 ? keys.LastOrDefault() : keys.ElementAtOrDefault(n - 1);
        for (var i = 0; i < matches.Length; i++)
            matches[i] = matches[i] && chosen is not null && ClassKey(c, i) == chosen;
        return matches;
    }

    /// <summary>A number counts as one item (its digits); other tokens by key.</summary>
    private static string ClassKey(SequenceContext c, int i) => c.SpanAt(i)?.Digits ?? TokenClasses.Key(c.Tokens[i]);

    private static bool InClass(ExplanationReading r, SequenceContext c, int i)
    {
        var token = c.Tokens[i];
        var key = TokenClasses.Key(token);
        if (key.Length == 0)
            return false;
        if (r.HasNumberClass && c.SpanAt(i) is { } span
            && (!r.Years || span.IsYearLike) && (!r.SingleDigits || span.Digits.Length == 1) && (r.NumberCondition?.Invoke(span.Value) ?? true))
            return true;
        return (r.Names && TokenClasses.IsNameAt(c.Tokens, i))
            || (r.AllPunctuation && TokenClasses.IsPunctuation(token))
            || (r.PunctuationCharacters.Length > 0 && TokenClasses.IsOneOf(token, r.PunctuationCharacters))
            || r.Suffixes.Any(s => key.Length > s.Length && key.EndsWith(s, StringComparison.Ordinal))
            || r.Prefixes.Any(p => key.Length > p.Length && key.StartsWith(p, StringComparison.Ordinal));
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
