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
/// without a model), the token before or after the firing ones, and token classes (numbers with thresholds, years, names,
/// punctuation marks by name, suffixes) — each rule scored by how well it picks out the strongly activating positions of
/// the train records. Candidates are diverse: the best rule of each family first, then the rest by score.
/// </summary>
public sealed class StatisticsExplainer : IExplainer, Scoring.IExplanationReviser
{
    public const string Version = "statistics-v2";

    public BackendInfo Info { get; } = new("offline", "statistics", Version, IsBaseline: true);

    public Task<ExplainResult> ExplainAsync(ExplainRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var positions = Positions(request.TrainRecords);
        if (positions.Count == 0 || positions.All(p => p.Value == 0))
            return Task.FromResult(new ExplainResult([], Usage.None, "the train records show no positive activation to explain"));
        var table = request.TokenLookupTable ?? TokenLookupTables.FromRecords(request.TrainRecords);
        var scored = ExplainerRules.All(positions, TableKeys(table))
            .Select((r, order) => (Rule: r, Score: F1(r.Predicts, positions), Order: order))
            .OrderByDescending(r => r.Score).ThenBy(r => r.Order)
            .ToList();
        // Diverse candidates: the best rule of each family that explains something, best family first; then the rest by score.
        var leaders = scored.Where(r => r.Score > 0).GroupBy(r => r.Rule.Family).Select(g => g.First()).ToList();
        var ordered = leaders.Concat(scored.Except(leaders)).Select(r => r.Rule.Text);
        var candidates = ExplanationText.NormalizeAndDeduplicate(ordered).Take(Math.Max(1, request.Candidates)).ToList();
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

    private static List<Position> Positions(IReadOnlyList<ActivationRecord> records)
    {
        var nonEmpty = records.Where(r => r.Tokens.Count > 0).ToList();
        if (nonEmpty.Count == 0)
            return [];
        var max = ActivationNormalization.CalculateMaxActivation(nonEmpty);
        return [.. nonEmpty.SelectMany(r =>
        {
            var values = ActivationNormalization.NormalizeActivations(r.Activations, max);
            var spans = NumberSpans.Find(r.Tokens);
            return r.Tokens.Select((_, i) => new Position(r.Tokens, i, values[i], spans.FirstOrDefault(s => s.Contains(i))));
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
}
