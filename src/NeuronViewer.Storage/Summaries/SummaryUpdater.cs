using LiteDB;
using NeuronViewer.Storage.Explanations;
using NeuronViewer.Storage.Scores;

namespace NeuronViewer.Storage.Summaries;

/// <summary>The one place that recomputes a neuron's browser row after its record, explanations or scores change (inside the same transaction).</summary>
internal sealed class SummaryUpdater(LiteStore store, NeuronSummaryRepository summaries)
{
    private readonly ILiteCollection<StoredExplanation> explanations = store.Collection<StoredExplanation>(ExplanationRepository.CollectionName);
    private readonly ILiteCollection<StoredScore> scores = store.Collection<StoredScore>(ScoreRepository.CollectionName);
    private readonly ILiteCollection<StoredAblationScore> ablations = store.Collection<StoredAblationScore>(AblationScoreRepository.CollectionName);

    /// <summary>A record was stored (runId and max set) or deleted (runId null).</summary>
    public void RecordChanged(long key, int? runId, double maxActivation)
    {
        var current = summaries.Find(key) ?? Empty(key);
        Save(current.With(s =>
        {
            s.HasRecord = runId is not null;
            s.RunId = runId;
            s.MaxActivation = runId is not null && double.IsFinite(maxActivation) ? maxActivation : null;
        }));
    }

    /// <summary>Explanations, scores or ablation scores of the neuron changed: its row is recomputed once, just before the transaction commits.</summary>
    public void ExplanationsChanged(long key) => store.BeforeCommit((this, key), () => Refresh(key));

    private void Refresh(long key)
    {
        var candidates = explanations.Find(e => e.NeuronKey == key).ToList();
        var neuronScores = scores.Find(s => s.NeuronKey == key).ToList();
        var neuronAblations = ablations.Find(a => a.NeuronKey == key).ToList();
        double? Latest(long id, EvaluationSet set) => Usable(neuronScores
            .Where(s => s.ExplanationId == id && s.Set == set).MaxBy(s => s.Id)?.EvCorrelationScore);

        var best = candidates
            .Where(e => !e.IsControl)
            .Select(e => (Explanation: e, Score: Latest(e.Id, EvaluationSet.TopAndRandom)))
            .OrderByDescending(c => c.Score.HasValue)
            .ThenByDescending(c => c.Score ?? 0)
            .ThenBy(c => c.Explanation.Id)
            .FirstOrDefault();
        var current = summaries.Find(key) ?? Empty(key);
        Save(current.With(s =>
        {
            s.ExplanationCount = candidates.Count;
            s.BestExplanationId = best.Explanation?.Id;
            s.BestExplanation = best.Explanation?.Text;
            s.TopAndRandomScore = best.Score;
            s.RandomOnlyScore = best.Explanation is null ? null : Latest(best.Explanation.Id, EvaluationSet.RandomOnly);
            s.AblationScore = best.Explanation is null ? null : Usable(neuronAblations
                .Where(a => a.ExplanationId == best.Explanation.Id && a.Set == EvaluationSet.TopAndRandom).MaxBy(a => a.Id)?.Score);
        }));
    }

    private static double? Usable(double? score) => score is { } s && double.IsFinite(s) ? s : null;

    private static NeuronSummary Empty(long key)
    {
        var id = NeuronKey.ToId(key);
        return new NeuronSummary { Key = key, Layer = id.LayerIndex, Index = id.NeuronIndex };
    }

    private void Save(NeuronSummary row)
    {
        if (!row.HasRecord && row.ExplanationCount == 0)
            summaries.Remove(row.Key);
        else
            summaries.Put(row);
    }
}
