using NeuronViewer.Core.Abstractions;
using NeuronViewer.Core.Calibration;
using NeuronViewer.Core.Records;
using NeuronViewer.Core.Slicing;
using NeuronViewer.Explainers.Configuration;
using NeuronViewer.Explainers.Scoring;
using NeuronViewer.Storage;
using NeuronViewer.Storage.Explanations;
using NeuronViewer.Storage.Scores;
using StoredSet = NeuronViewer.Storage.Scores.EvaluationSet;

namespace NeuronViewer.Pipeline.Stages;

/// <summary>How explanations are scored: records per split, seed, and the prices for the cost estimate.</summary>
public sealed record ScoreSettings(int? ExamplesPerSplit = null, int? Seed = null, ProviderOptions? Prices = null)
{
    public ScoringOptions ToScoringOptions() => new() { ExamplesPerSplit = ExamplesPerSplit, Seed = Seed, Prices = Prices, Calibration = CalibrationMethod.Linear };
}

/// <summary>One neuron's scoring: each candidate with its score (best first), the rows to store, and diversity figures; skipped when all were scored by this simulator (or a dead neuron has none).</summary>
public sealed record ScoreOutcome(NeuronId Neuron, IReadOnlyList<(StoredExplanation Explanation, ExplanationScore Score)> Ranked,
    IReadOnlyList<StoredScore> Rows, double MeanPairwiseJaccardDistance, bool Skipped)
{
    public ExplanationScore? Best => Ranked.Count == 0 ? null : Ranked[0].Score;

    /// <summary>Every simulation of every candidate failed (a provider problem): nothing is worth storing, the neuron should be retried.</summary>
    public bool AllFailed => Ranked.Count > 0 && Ranked.All(r => r.Score.FailedSequences > 0 && r.Score.TopAndRandom.ScoredSequenceSimulations.Count == 0);

    /// <summary>The first failure's reason with its raw response.</summary>
    public string FailureText => Ranked.SelectMany(r => r.Score.Failures).FirstOrDefault() is { } f
        ? StageText.WithRaw($"every simulation failed ({Ranked.Sum(r => r.Score.FailedSequences)} sequences): {f.Reason}", f.RawResponse) : "";
}

/// <summary>
/// The score stage: every candidate of a neuron simulated by one simulator on the valid split (top-and-random and random-only,
/// calibrated on the calibration split), failed sequences kept with their raw text, candidates ranked best-of-N.
/// </summary>
public sealed class ScoreStage(NeuronViewerStore store)
{
    /// <summary>Scores the neuron's candidates that this simulator has not scored yet (nothing is stored yet: see <see cref="Save"/>).</summary>
    public async Task<ScoreOutcome> ScoreNeuronAsync(NeuronId neuron, ISimulator simulator, ScoreSettings settings, long? jobId = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(simulator);
        var stored = Record(neuron);
        var explanations = store.Explanations.ForNeuron(neuron);
        if (explanations.Count == 0 && ExplainStage.IsDead(stored.Record))
            return new ScoreOutcome(neuron, [], [], 0, Skipped: true);
        if (explanations.Count == 0)
            throw new ArgumentException($"Neuron {neuron.LayerIndex}:{neuron.NeuronIndex} has no explanation to score; explain it first.");
        var done = store.Scores.ForNeuron(neuron).Where(s => s.Simulator == simulator.Info).Select(s => s.ExplanationId).ToHashSet();
        var todo = explanations.Where(e => !done.Contains(e.Id)).ToList();
        if (todo.Count == 0)
            return new ScoreOutcome(neuron, [], [], 0, Skipped: true);

        var options = settings.ToScoringOptions();
        var texts = todo.Select(e => e.Text.Trim()).Distinct(StringComparer.Ordinal).ToList();
        var scores = await Task.WhenAll(texts.Select(t => ExplanationScorer.ScoreAsync(stored.Record, t, simulator, options, cancellationToken)))
            .ConfigureAwait(false);
        var byText = texts.Zip(scores).ToDictionary(p => p.First, p => p.Second, StringComparer.Ordinal);
        var ranked = todo.Select(e => (Explanation: e, Score: byText[e.Text.Trim()]))
            .OrderByDescending(x => x.Score.PreferredScore ?? double.NegativeInfinity).ThenBy(x => x.Explanation.Id).ToList();
        var provenance = StageText.Provenance(store, stored.RunId, null, simulator.Info.Label, simulator.Info.PromptFormatVersion, settings.Seed);
        var counted = new HashSet<string>(StringComparer.Ordinal);
        var rows = ranked.SelectMany(x => Rows(stored.Record, x.Explanation, x.Score, options, provenance, jobId,
            chargeUsage: counted.Add(x.Explanation.Text.Trim()))).ToList();
        return new ScoreOutcome(neuron, ranked, rows, CandidateRanker.MeanJaccardDistance(texts), Skipped: false);
    }

    /// <summary>Scores one explanation text (not stored): for <c>score --explanation</c> and trying an explanation out.</summary>
    public Task<ExplanationScore> ScoreTextAsync(NeuronId neuron, string explanation, ISimulator simulator, ScoreSettings settings,
        CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(explanation)) throw new ArgumentException("The explanation is empty.");
        return ExplanationScorer.ScoreAsync(Record(neuron).Record, explanation, simulator, settings.ToScoringOptions(), cancellationToken);
    }

    /// <summary>Stores the outcome's score rows (the neuron's browser row follows its best explanation).</summary>
    public void Save(ScoreOutcome outcome) => store.Atomic(() =>
    {
        foreach (var row in outcome.Rows) store.Scores.Save(row);
    });

    private Storage.Records.StoredNeuronRecord Record(NeuronId neuron) => store.Records.Get(neuron)
        ?? throw new ArgumentException($"Neuron {neuron.LayerIndex}:{neuron.NeuronIndex} has no record; collect its layer first.");

    /// <summary>The two rows of one scored explanation; usage and cost go on the top-and-random row (random-only reuses its simulations).</summary>
    private static IEnumerable<StoredScore> Rows(NeuronRecord record, StoredExplanation e, ExplanationScore score, ScoringOptions options,
        Provenance provenance, long? jobId, bool chargeUsage)
    {
        var slice = new ActivationRecordSliceParams(options.ExamplesPerSplit);
        var valid = record.EvaluationRecords(slice, Core.Slicing.EvaluationSet.TopAndRandom);
        var random = record.EvaluationRecords(slice, Core.Slicing.EvaluationSet.RandomOnly);
        var calibration = record.CalibrationActivationRecords(slice);
        int topCount = valid.Count - random.Count;
        var calibrationInfo = score.Calibration is { } fit
            ? new CalibrationInfo
            {
                Method = fit.Method.ToString().ToLowerInvariant(),
                Parameters = fit.Method == CalibrationMethod.Linear ? [fit.Slope, fit.Intercept] : [],
                Records = calibration.Count - score.Failures.Count(f => f.Split == "calibration"),
            }
            : new CalibrationInfo { Method = "none" };
        FailedSequence Failed(FailedSimulation f, int index, IReadOnlyList<ActivationRecord> from, string? prefix = null) => new()
        {
            SequenceIndex = index, Tokens = [.. from[f.RecordIndex].Tokens], Reason = prefix + f.Reason, RawResponse = f.RawResponse,
        };
        var topAndRandomFailures = score.Failures.Select(f => f.Split switch
        {
            "top" => Failed(f, f.RecordIndex, valid),
            "random" => Failed(f, topCount + f.RecordIndex, random),
            _ => Failed(f, -1 - f.RecordIndex, calibration, "calibration split: "),
        }).ToList();
        var usage = chargeUsage ? score.Provenance.Usage : Usage.None;
        yield return new StoredScore
        {
            ExplanationId = e.Id, Set = StoredSet.TopAndRandom, Simulation = score.TopAndRandom, Simulator = score.Provenance.Simulator,
            Calibration = calibrationInfo, Failures = topAndRandomFailures, Provenance = provenance, Usage = usage,
            EstimatedCostUsd = chargeUsage ? score.Provenance.EstimatedCost : 0m, JobId = jobId,
        };
        yield return new StoredScore
        {
            ExplanationId = e.Id, Set = StoredSet.RandomOnly, Simulation = score.RandomOnly, Simulator = score.Provenance.Simulator,
            Calibration = calibrationInfo, Failures = [.. score.Failures.Where(f => f.Split == "random").Select(f => Failed(f, f.RecordIndex, random))],
            Provenance = provenance, Usage = Usage.None, EstimatedCostUsd = 0m, JobId = jobId,
        };
    }
}
