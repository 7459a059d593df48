using NeuronViewer.Core.Ablation;
using NeuronViewer.Core.Abstractions;
using NeuronViewer.Core.Records;
using NeuronViewer.Core.Slicing;
using NeuronViewer.Explainers.Scoring;
using NeuronViewer.Pipeline.Ablation;
using NeuronViewer.Pipeline.Subject;
using NeuronViewer.Storage;
using NeuronViewer.Storage.Explanations;
using NeuronViewer.Storage.Records;
using NeuronViewer.Storage.Scores;
using NeuronViewer.SubjectModel.Ablation;
using StoredSet = NeuronViewer.Storage.Scores.EvaluationSet;

namespace NeuronViewer.Pipeline.Stages;

/// <summary>One neuron's ablation: each explanation with its result (best first; Explanation null for a text that is not a stored candidate), the rows to store, and the cost of the model passes.</summary>
public sealed record AblateOutcome(NeuronId Neuron, IReadOnlyList<(StoredExplanation? Explanation, ExplanationAblation Ablation)> Ranked,
    IReadOnlyList<StoredAblationScore> Rows, AblationCost Cost, bool Skipped);

/// <summary>
/// The ablate stage (issue 6): a neuron's candidates ablation-scored with the loaded subject model — the original and mean-ablated
/// passes run once for all of them — on top-and-random and random-only, with provenance; nothing is stored until <see cref="Save"/>.
/// </summary>
public sealed class AblateStage(NeuronViewerStore store, SubjectModelHost host)
{
    /// <summary>Ablates the neuron's stored candidates; unless <paramref name="redo"/>, those already ablated with this simulator and divergence are skipped.</summary>
    public async Task<AblateOutcome> AblateNeuronAsync(NeuronId neuron, ISimulator simulator, AblationOptions options, long? jobId = null,
        bool redo = false, CancellationToken cancellationToken = default, Action<long, long>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(simulator);
        ArgumentNullException.ThrowIfNull(options);
        var stored = Record(neuron);
        var explanations = store.Explanations.ForNeuron(neuron);
        if (explanations.Count == 0)
            throw new ArgumentException($"Neuron {neuron.LayerIndex}:{neuron.NeuronIndex} has no explanation to ablate; explain it first.");
        var done = redo ? [] : store.Ablations.ForNeuron(neuron)
            .Where(a => a.Simulator == simulator.Info && a.Divergence == options.Divergence.Name()).Select(a => a.ExplanationId).ToHashSet();
        var todo = explanations.Where(e => !done.Contains(e.Id)).ToList();
        if (todo.Count == 0)
            return new AblateOutcome(neuron, [], [], AblationCost.None, Skipped: true);
        return await AblateAsync(stored, todo.Select(e => e.Text), todo, simulator, options, jobId, cancellationToken, progress).ConfigureAwait(false);
    }

    /// <summary>Ablates one explanation text; when it is one of the neuron's stored candidates the outcome carries rows to store.</summary>
    public Task<AblateOutcome> AblateTextAsync(NeuronId neuron, string explanation, ISimulator simulator, AblationOptions options,
        CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(explanation))
            throw new ArgumentException("The explanation is empty.");
        var stored = Record(neuron);
        var candidates = store.Explanations.ForNeuron(neuron).Where(e => e.Text.Trim() == explanation.Trim()).Take(1).ToList();
        return AblateAsync(stored, [explanation], candidates, simulator, options, null, cancellationToken);
    }

    /// <summary>Stores the outcome's rows (the neuron's browser row picks up its best explanation's ablation score).</summary>
    public void Save(AblateOutcome outcome) => store.Atomic(() =>
    {
        foreach (var row in outcome.Rows) store.Ablations.Save(row);
    });

    private async Task<AblateOutcome> AblateAsync(StoredNeuronRecord stored, IEnumerable<string> texts, IReadOnlyList<StoredExplanation> candidates,
        ISimulator simulator, AblationOptions options, long? jobId, CancellationToken cancellationToken, Action<long, long>? progress = null)
    {
        var model = await host.GetAsync(cancellationToken).ConfigureAwait(false);
        var run = store.Runs.Get(stored.RunId);
        CheckSameModel(stored.Record.NeuronId, run, model.Info);
        var distinct = texts.Select(t => t.Trim()).Distinct(StringComparer.Ordinal).ToList();
        var plan = await AblationScorer.PrepareAsync(stored.Record, distinct, simulator, model.Tokenizer, options, cancellationToken).ConfigureAwait(false);
        var result = await host.RunHeavyAsync(m => AblationScorer.Run(plan, m.Model, cancellationToken, progress), cancellationToken).ConfigureAwait(false);
        var byText = result.Explanations.ToDictionary(a => a.Explanation, StringComparer.Ordinal);
        var provenance = model.Info.Provenance(run?.Dataset ?? "", simulator: simulator.Info.Label, promptFormatVersion: simulator.Info.PromptFormatVersion);
        var ranked = (candidates.Count > 0
                ? candidates.Select(e => ((StoredExplanation?)e, byText[e.Text.Trim()]))
                : result.Explanations.Select(a => ((StoredExplanation?)null, a)))
            .OrderByDescending(x => x.Item2.TopAndRandom.Score ?? double.NegativeInfinity).ThenBy(x => x.Item1?.Id ?? 0).ToList();
        var rows = ranked.Where(x => x.Item1 is not null)
            .SelectMany(x => AblationRows.For(stored.Record, x.Item1!.Id, x.Item2, options, provenance, jobId)).ToList();
        return new AblateOutcome(stored.Record.NeuronId, ranked, rows, result.Cost, Skipped: false);
    }

    private StoredNeuronRecord Record(NeuronId neuron) => store.Records.Get(neuron)
        ?? throw new ArgumentException($"Neuron {neuron.LayerIndex}:{neuron.NeuronIndex} has no record; collect its layer first.");

    /// <summary>Ablation must run the model whose activations the record holds; a record of another model is refused.</summary>
    private static void CheckSameModel(NeuronId neuron, Storage.Runs.CollectionRun? run, SubjectModelInfo loaded)
    {
        if (run is null)
            return;
        var differs = run.SubjectModelRevision.Length > 0 && loaded.Revision.Length > 0
            ? run.SubjectModelRevision != loaded.Revision
            : run.SubjectModel.Length > 0 && !string.Equals(run.SubjectModel, loaded.Name, StringComparison.OrdinalIgnoreCase);
        if (differs)
            throw new ArgumentException($"Neuron {neuron.LayerIndex}:{neuron.NeuronIndex} was collected with {run.SubjectModel} ({run.SubjectModelRevision}), but the loaded subject model is {loaded.Name} ({loaded.Revision}); ablation must run the model that produced the activations.");
    }
}

/// <summary>The stored rows of one explanation's ablation: top-and-random and random-only, with failures, calibration, mean and provenance.</summary>
internal static class AblationRows
{
    public static IEnumerable<StoredAblationScore> For(NeuronRecord record, long explanationId, ExplanationAblation a, AblationOptions options,
        Provenance provenance, long? jobId)
    {
        var slice = new ActivationRecordSliceParams(options.ExamplesPerSplit);
        var valid = record.EvaluationRecords(slice, Core.Slicing.EvaluationSet.TopAndRandom);
        var random = record.EvaluationRecords(slice, Core.Slicing.EvaluationSet.RandomOnly);
        var calibration = record.CalibrationActivationRecords(slice);
        var topCount = valid.Count - random.Count;
        FailedSequence Failed(FailedSimulation f, int randomOffset) => f.Split switch
        {
            "top" => new() { SequenceIndex = f.RecordIndex, Tokens = [.. valid[f.RecordIndex].Tokens], Reason = f.Reason, RawResponse = f.RawResponse },
            "random" => new() { SequenceIndex = randomOffset + f.RecordIndex, Tokens = [.. random[f.RecordIndex].Tokens], Reason = f.Reason, RawResponse = f.RawResponse },
            _ => new() { SequenceIndex = -1 - f.RecordIndex, Tokens = [.. calibration[f.RecordIndex].Tokens], Reason = "calibration split: " + f.Reason, RawResponse = f.RawResponse },
        };
        var calibrationInfo = a.Calibration is { } fit
            ? new CalibrationInfo { Method = "linear", Parameters = [fit.Slope, fit.Intercept], Records = a.CalibrationRecords }
            : new CalibrationInfo { Method = "none", Records = 0 };
        // Failures are numbered by their place in the row's evaluation set; calibration ones as −1, −2, … (as the score stage does).
        StoredAblationScore Row(StoredSet set, AblationResult r, IEnumerable<FailedSimulation> failures, int failed) => new()
        {
            ExplanationId = explanationId, Set = set, Score = r.Score, NullReason = r.NullReason,
            DivergenceSimulated = r.DSimulated, DivergenceMeanAblated = r.DMeanAblated, Divergence = r.Divergence.Name(),
            Excerpts = r.Records, Positions = r.Positions, FailedExcerpts = failed, Failures = [.. failures.Select(f => Failed(f, set == StoredSet.TopAndRandom ? topCount : 0))],
            MeanActivation = a.Mean.Value, MeanSource = a.Mean.SourceName, Simulator = a.Simulator, Calibration = calibrationInfo,
            Provenance = provenance, JobId = jobId,
        };
        yield return Row(StoredSet.TopAndRandom, a.TopAndRandom, a.Failures, a.FailedExcerpts);
        yield return Row(StoredSet.RandomOnly, a.RandomOnly, a.Failures.Where(f => f.Split == "random"), a.FailedRandomExcerpts);
    }
}
