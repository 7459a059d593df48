using System.Text.Json;
using NeuronViewer.Core.Abstractions;
using NeuronViewer.Core.Records;
using NeuronViewer.Storage;
using NeuronViewer.Storage.Explanations;
using NeuronViewer.Storage.Scores;
using NeuronViewer.Storage.Summaries;

namespace NeuronViewer.Web.Api;

/// <summary>One row of <c>GET /api/neurons</c>: the neuron, its best explanation and that explanation's scores.</summary>
public sealed record NeuronRow(
    int Layer, int Index, string? BestExplanation, double? TopAndRandomScore, double? RandomOnlyScore, double? AblationScore,
    double? MaxActivation, int ExplanationCount, bool HasRecord, string Url)
{
    public static NeuronRow From(NeuronSummary s) => new(
        s.Layer, s.Index, s.BestExplanation, s.TopAndRandomScore, s.RandomOnlyScore, s.AblationScore, s.MaxActivation,
        s.ExplanationCount, s.HasRecord, $"/api/neurons/{s.Layer}/{s.Index}");
}

/// <summary>A page of <c>GET /api/neurons</c>: the total matching, the page (1-based), its size, the page count and the rows.</summary>
public sealed record NeuronListResponse(int Total, int Page, int PageSize, int Pages, IReadOnlyList<NeuronRow> Items);

/// <summary>One score of an explanation in <c>GET /api/neurons/{layer}/{index}</c> (without the per-token simulation).</summary>
public sealed record ScoreRow(
    long Id, EvaluationSet Set, double? EvCorrelationScore, double? RsquaredScore, double? AbsoluteDevExplainedScore,
    int SequenceCount, int FailedSequences, BackendInfo? Simulator, CalibrationInfo? Calibration, DateTime CreatedAt);

/// <summary>One ablation score of an explanation.</summary>
public sealed record AblationRow(long Id, EvaluationSet Set, double? Score, string? NullReason, double DivergenceSimulated, double DivergenceMeanAblated, string Divergence, int Excerpts);

/// <summary>One candidate explanation with its scores.</summary>
public sealed record ExplanationRow(
    long Id, string Text, ExplanationSource Source, bool IsBaseline, BackendInfo? Backend, NeuronId? ControlFrom, DateTime CreatedAt,
    IReadOnlyList<ScoreRow> Scores, IReadOnlyList<AblationRow> AblationScores);

/// <summary>
/// <c>GET /api/neurons/{layer}/{index}</c>: the browser row, the OpenAI-format NeuronRecord (null when only explanations are
/// stored), the explanations with their scores, and the related-token summaries when stored.
/// </summary>
public sealed record NeuronDetailResponse(
    NeuronRow Neuron, JsonElement? Record, int? RunId, IReadOnlyList<ExplanationRow> Explanations,
    JsonElement? TokenLookupTable, JsonElement? WeightBasedTokens)
{
    internal static IReadOnlyList<ExplanationRow> ExplanationsOf(NeuronViewerStore store, NeuronId neuron)
    {
        var scores = store.Scores.ForNeuron(neuron);
        var ablations = store.Ablations.ForNeuron(neuron);
        return store.Explanations.ForNeuron(neuron).Select(e => new ExplanationRow(
            e.Id, e.Text, e.Source, e.IsBaseline, e.Backend, e.ControlFrom, e.CreatedAt,
            scores.Where(s => s.ExplanationId == e.Id).Select(s => new ScoreRow(
                s.Id, s.Set, Finite(s.EvCorrelationScore), Finite(s.RsquaredScore), Finite(s.AbsoluteDevExplainedScore),
                s.SequenceCount, s.Failures.Count, s.Simulator, s.Calibration, s.CreatedAt)).ToList(),
            ablations.Where(a => a.ExplanationId == e.Id).Select(a => new AblationRow(
                a.Id, a.Set, Finite(a.Score), a.NullReason, a.DivergenceSimulated, a.DivergenceMeanAblated, a.Divergence, a.Excerpts)).ToList())).ToList();
    }

    private static double? Finite(double? value) => value is { } v && double.IsFinite(v) ? v : null;
}
