using NeuronViewer.Core.Records;
using NeuronViewer.Core.Summaries;
using NeuronViewer.Storage;
using NeuronViewer.Storage.Records;
using NeuronViewer.Storage.Runs;
using NeuronViewer.Storage.Scores;
using NeuronViewer.Storage.Summaries;
using NeuronViewer.Web.Viewer;

namespace NeuronViewer.Web.Neurons;

/// <summary>A neuron's place in the stored list: its browser row, the run it came from, and its neighbours (for prev / next).</summary>
public sealed record NeuronOverview(NeuronSummary Summary, CollectionRun? Run, NeuronId? Previous, NeuronId? Next);

/// <summary>A neuron's related tokens from storage, with the look-up table computed from its excerpts when none was stored.</summary>
public sealed record RelatedTokenLists(TokenLookupTableSummaryOfNeuron? LookupTable, bool LookupFromExcerpts, WeightBasedSummaryOfNeuron? WeightBased);

/// <summary>Reads what the neuron pages show from the store (synchronous: pages call it off the circuit's thread).</summary>
public sealed class NeuronExplorer(NeuronViewerStore store)
{
    /// <summary>The neuron's row and neighbours, or null when nothing is stored for it.</summary>
    public NeuronOverview? Overview(NeuronId neuron)
    {
        if (store.Summaries.Get(neuron) is not { } summary)
            return null;
        var all = store.Summaries.All();
        var at = Find(all, neuron);
        var run = summary.RunId is { } runId ? store.Runs.Get(runId) : null;
        return new NeuronOverview(summary, run, at > 0 ? all[at - 1].Neuron : null, at >= 0 && at + 1 < all.Count ? all[at + 1].Neuron : null);
    }

    /// <summary>"Layer 3 has neurons 0–511 stored" style help for a neuron that is not stored, or null when nothing is stored at all.</summary>
    public string? NotFoundHint(NeuronId neuron)
    {
        var layers = store.Summaries.NeuronsPerLayer();
        if (layers.Count == 0)
            return null;
        var list = string.Join(", ", layers.Keys);
        if (!layers.ContainsKey(neuron.LayerIndex))
            return $"Stored layers: {list}.";
        var inLayer = store.Summaries.All().Where(s => s.Layer == neuron.LayerIndex).Select(s => s.Index).ToList();
        return $"Layer {neuron.LayerIndex} has {inLayer.Count:N0} stored neurons, indices {inLayer.Min()}–{inLayer.Max()}.";
    }

    public NeuronRecord? Record(NeuronId neuron) => store.Records.Get(neuron)?.Record;

    /// <summary>The neuron's candidate explanations (controls left out) with their latest scores, best top-and-random score first.</summary>
    public IReadOnlyList<CandidateExplanation> Candidates(NeuronId neuron)
    {
        var scores = store.Scores.ForNeuron(neuron);
        var ablations = store.Ablations.ForNeuron(neuron);
        return store.Explanations.ForNeuron(neuron)
            .Where(e => !e.IsControl)
            .Select(e => new CandidateExplanation(
                e,
                scores.Where(s => s.ExplanationId == e.Id && s.Set == EvaluationSet.TopAndRandom).MaxBy(s => s.Id),
                scores.Where(s => s.ExplanationId == e.Id && s.Set == EvaluationSet.RandomOnly).MaxBy(s => s.Id),
                ablations.Where(a => a.ExplanationId == e.Id && a.Set == EvaluationSet.TopAndRandom).MaxBy(a => a.Id)))
            .OrderByDescending(c => c.Score.HasValue)
            .ThenByDescending(c => c.Score ?? 0)
            .ThenBy(c => c.Explanation.Id)
            .ToList();
    }

    /// <summary>Every excerpt the candidate's top-and-random score evaluated (failed ones included); empty when it was not scored.</summary>
    public IReadOnlyList<SimulatedExcerpt> Excerpts(CandidateExplanation candidate, NeuronRecord? record)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        if (candidate.TopAndRandom is not { } score || store.Scores.Get(score.Id) is not { Simulation: { } simulation } full)
            return [];
        return EvaluatedExcerpts.Build(simulation, full.Failures, record);
    }

    /// <summary>The stored related tokens; the look-up table falls back to one computed from the record's excerpts.</summary>
    public RelatedTokenLists RelatedTokens(NeuronId neuron, NeuronRecord? record)
    {
        var stored = store.Records.GetRelatedTokens(neuron);
        if (stored?.LookupTable is { } table)
            return new(table, false, stored.WeightBased);
        if (record is null)
            return new(null, false, stored?.WeightBased);
        var excerpts = record.MostPositiveActivationRecords.Concat(record.RandomSample)
            .Concat(record.RandomSampleByQuantile?.SelectMany(b => b) ?? []).ToList();
        var computed = TokenLookupTables.FromRecords(excerpts);
        return new(computed.Tokens.Count == 0 ? null : computed, true, stored?.WeightBased);
    }

    /// <summary>The browser rows of the given neurons (those stored), for related-neuron cards.</summary>
    public IReadOnlyDictionary<NeuronId, NeuronSummary> Rows(IEnumerable<NeuronId> neurons) =>
        neurons.Distinct().Select(n => store.Summaries.Get(n)).OfType<NeuronSummary>().ToDictionary(s => s.Neuron);

    private static int Find(IReadOnlyList<NeuronSummary> sorted, NeuronId neuron)
    {
        var (lo, hi) = (0, sorted.Count - 1);
        while (lo <= hi)
        {
            var mid = (lo + hi) / 2;
            var c = Compare(sorted[mid].Neuron, neuron);
            if (c == 0)
                return mid;
            if (c < 0)
                lo = mid + 1;
            else
                hi = mid - 1;
        }
        return -1;
    }

    private static int Compare(NeuronId a, NeuronId b) =>
        a.LayerIndex != b.LayerIndex ? a.LayerIndex.CompareTo(b.LayerIndex) : a.NeuronIndex.CompareTo(b.NeuronIndex);
}

/// <summary>The related-neuron cards: upstream and downstream, or a note saying why they cannot be shown.</summary>
public sealed record RelatedNeuronLists(IReadOnlyList<RelatedNeuronView> Upstream, IReadOnlyList<RelatedNeuronView> Downstream, string? Note);
