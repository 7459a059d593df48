using NeuronViewer.Core.Abstractions;
using NeuronViewer.Core.Prompts;
using NeuronViewer.Core.Records;

namespace NeuronViewer.Explainers.Scoring;

/// <summary>All candidates of a neuron scored on the same records, best first, with diversity figures (spec §15.4).</summary>
public sealed record RankedCandidates(IReadOnlyList<ExplanationScore> Ranked, int UniqueCandidates, double MeanPairwiseJaccardDistance, double ScoreVariance)
{
    public ExplanationScore? Best => Ranked.Count == 0 ? null : Ranked[0];

    public Usage Usage => Ranked.Aggregate(Usage.None, (sum, s) => sum + s.Provenance.Usage);
}

/// <summary>Best-of-N: scores every candidate explanation and ranks them by preferred score (unscorable ones last).</summary>
public static class CandidateRanker
{
    public static async Task<RankedCandidates> RankAsync(
        NeuronRecord neuron, IReadOnlyList<string> candidates, ISimulator simulator, ScoringOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        var unique = ExplanationText.NormalizeAndDeduplicate(candidates);
        var scores = await Task.WhenAll(unique.Select(c => ExplanationScorer.ScoreAsync(neuron, c, simulator, options, cancellationToken))).ConfigureAwait(false);
        var ranked = scores.OrderByDescending(s => s.PreferredScore ?? double.NegativeInfinity).ThenBy(s => IndexOf(unique, s.Explanation)).ToList();
        var finite = ranked.Select(s => s.PreferredScore).OfType<double>().ToList();
        var variance = finite.Count < 2 ? 0 : finite.Select(s => (s - finite.Average()) * (s - finite.Average())).Average();
        return new RankedCandidates(ranked, unique.Count, MeanJaccardDistance(unique), variance);
    }

    private static int IndexOf(IReadOnlyList<string> list, string item)
    {
        for (var i = 0; i < list.Count; i++)
        {
            if (list[i] == item)
                return i;
        }
        return -1;
    }

    /// <summary>Mean over pairs of 1 − |A∩B|/|A∪B| on lower-cased word sets.</summary>
    public static double MeanJaccardDistance(IReadOnlyList<string> texts)
    {
        var sets = texts.Select(t => t.ToLowerInvariant().Split(' ', StringSplitOptions.RemoveEmptyEntries).ToHashSet()).ToList();
        var distances = new List<double>();
        for (var i = 0; i < sets.Count; i++)
            for (var j = i + 1; j < sets.Count; j++)
                distances.Add(1 - sets[i].Intersect(sets[j]).Count() / (double)Math.Max(1, sets[i].Union(sets[j]).Count()));
        return distances.Count == 0 ? 0 : distances.Average();
    }
}
