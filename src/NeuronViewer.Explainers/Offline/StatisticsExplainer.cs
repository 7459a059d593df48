using NeuronViewer.Core.Abstractions;
using NeuronViewer.Core.Formatting;
using NeuronViewer.Core.Prompts;
using NeuronViewer.Core.Records;
using NeuronViewer.Core.Slicing;
using NeuronViewer.Core.Summaries;

namespace NeuronViewer.Explainers.Offline;

/// <summary>
/// Offline baseline explainer (no model): explains a neuron from activation statistics — the highest-average tokens of
/// its token look-up table (the one given in the request, else one computed from the train records: spec §6.3's idea
/// without a model), the token before or after the firing ones, and token classes (numbers, punctuation, capitalised
/// words, suffixes) — ranked by how well each rule picks out the strongly activating positions of the train records.
/// </summary>
public sealed class StatisticsExplainer : IExplainer, Scoring.IExplanationReviser
{
    public const string Version = "statistics-v1";

    public BackendInfo Info { get; } = new("offline", "statistics", Version, IsBaseline: true);

    public Task<ExplainResult> ExplainAsync(ExplainRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var positions = Positions(request.TrainRecords);
        if (positions.Count == 0 || positions.All(p => p.Value == 0))
            return Task.FromResult(new ExplainResult([], Usage.None, "the train records show no positive activation to explain"));
        // Rules that pick out firing positions first (by F1), then the rest, so five different candidates can be given.
        var table = request.TokenLookupTable ?? TokenLookupTables.FromRecords(request.TrainRecords);
        var rules = RuleCandidates(positions, TableKeys(table))
            .Select((r, order) => (r.Text, Score: F1(r.Predicts, positions), order))
            .OrderByDescending(r => r.Score).ThenBy(r => r.order)
            .Select(r => r.Text);
        var candidates = ExplanationText.NormalizeAndDeduplicate(rules).Take(Math.Max(1, request.Candidates)).ToList();
        return Task.FromResult(new ExplainResult(candidates, Usage.None));
    }

    /// <summary>Re-explains from the train records plus the worst-simulated excerpts, so rules they contradict lose.</summary>
    public Task<ExplainResult> ReviseAsync(NeuronRecord neuron, string explanation, IReadOnlyList<RevisionEvidence> worst, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(neuron);
        ArgumentNullException.ThrowIfNull(worst);
        var train = neuron.TrainActivationRecords(ActivationRecordSliceParams.All);
        var request = new ExplainRequest(neuron.NeuronId, [.. train, .. worst.Select(w => w.Record)], 5);
        return ExplainAsync(request, cancellationToken);
    }

    internal sealed record Position(string Token, string? Before, string? After, int Value);

    private static List<Position> Positions(IReadOnlyList<ActivationRecord> records)
    {
        var nonEmpty = records.Where(r => r.Tokens.Count > 0).ToList();
        if (nonEmpty.Count == 0)
            return [];
        var max = ActivationNormalization.CalculateMaxActivation(nonEmpty);
        return [.. nonEmpty.SelectMany(r =>
        {
            var values = ActivationNormalization.NormalizeActivations(r.Activations, max);
            return r.Tokens.Select((t, i) => new Position(t, i > 0 ? r.Tokens[i - 1] : null, i + 1 < r.Tokens.Count ? r.Tokens[i + 1] : null, values[i]));
        })];
    }

    /// <summary>Harmonic mean of precision (predicted positions that fire) and recall (share of activation mass covered).</summary>
    private static double F1(Func<Position, bool> predicts, List<Position> positions)
    {
        var predicted = positions.Where(predicts).ToList();
        if (predicted.Count == 0)
            return 0;
        var precision = predicted.Count(p => p.Value >= 3) / (double)predicted.Count;
        var recall = predicted.Sum(p => p.Value) / (double)positions.Sum(p => p.Value);
        return precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
    }

    /// <summary>The table's tokens with a positive average, as keys (trimmed, lower case), highest average first, at most 20.</summary>
    internal static List<string> TableKeys(TokenLookupTableSummaryOfNeuron table) =>
        [.. table.Tokens.Select((t, i) => (Key: TokenClasses.Key(t), Average: table.AverageActivations[i]))
            .Where(x => x.Key.Length > 0 && x.Average > 0)
            .Select(x => x.Key)
            .Distinct()
            .Take(20)];

    private static IEnumerable<(string Text, Func<Position, bool> Predicts)> RuleCandidates(List<Position> positions, List<string> topTokens)
    {
        var hot = positions.Where(p => p.Value >= 5 && p.Token.Trim().Length > 0).ToList();
        if (hot.Count == 0)
            hot = [.. positions.Where(p => p.Value > 0 && p.Token.Trim().Length > 0)];
        for (var k = 1; k <= Math.Min(5, topTokens.Count); k++)
        {
            var set = topTokens.Take(k).ToHashSet();
            yield return (k == 1 ? $"the token {TokenClasses.Quote(topTokens[0])}" : $"the tokens {Join(topTokens.Take(k))}", p => set.Contains(TokenClasses.Key(p.Token)));
        }
        var before = Ranked(hot.Where(p => p.Before is not null), p => p.Before!);
        var after = Ranked(hot.Where(p => p.After is not null), p => p.After!);
        if (before.Count > 0)
            yield return ($"the word after {TokenClasses.Quote(before[0])}", p => p.Before is not null && TokenClasses.Key(p.Before) == before[0]);
        if (after.Count > 0)
            yield return ($"the word before {TokenClasses.Quote(after[0])}", p => p.After is not null && TokenClasses.Key(p.After) == after[0]);
        if (topTokens.Count > 0 && before.Count > 0 && before[0] != topTokens[0])
            yield return ($"the token {TokenClasses.Quote(topTokens[0])} and the word after {TokenClasses.Quote(before[0])}",
                p => TokenClasses.Key(p.Token) == topTokens[0] || (p.Before is not null && TokenClasses.Key(p.Before) == before[0]));
        yield return ("numbers", p => TokenClasses.IsNumber(p.Token));
        yield return ("punctuation marks", p => TokenClasses.IsPunctuation(p.Token));
        yield return ("capitalised words such as names", p => TokenClasses.IsCapitalised(p.Token));
        foreach (var suffix in TokenClasses.Suffixes)
            yield return ($"words ending in \"{suffix}\"", p => p.Token.Trim().Length > suffix.Length + 1 && p.Token.Trim().EndsWith(suffix, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>Keys ordered by summed activation at hot positions, then by key for determinism.</summary>
    private static List<string> Ranked(IEnumerable<Position> hot, Func<Position, string> token) =>
        [.. hot.GroupBy(p => TokenClasses.Key(token(p)))
            .Where(g => g.Key.Length > 0)
            .OrderByDescending(g => g.Sum(p => p.Value)).ThenBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => g.Key)];

    private static string Join(IEnumerable<string> tokens)
    {
        var quoted = tokens.Select(TokenClasses.Quote).ToList();
        return string.Join(", ", quoted.Take(quoted.Count - 1)) + " and " + quoted[^1];
    }
}
