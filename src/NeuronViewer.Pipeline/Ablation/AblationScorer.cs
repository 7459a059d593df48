using NeuronViewer.Core.Ablation;
using NeuronViewer.Core.Abstractions;
using NeuronViewer.Core.Calibration;
using NeuronViewer.Core.Records;
using NeuronViewer.Core.Slicing;
using NeuronViewer.Explainers.Scoring;
using NeuronViewer.SubjectModel.Ablation;
using NeuronViewer.SubjectModel.Model;
using NeuronViewer.SubjectModel.Tokenization;

namespace NeuronViewer.Pipeline.Ablation;

/// <summary>
/// Ablation scoring of a neuron's explanations (spec §15.2, issue 6): simulate the calibration and valid splits, fit a linear
/// calibration, then run the subject model original / mean-ablated / replaced by each calibrated simulation over the valid
/// excerpts, the first two once for all explanations. Failed simulations are left out and counted, never turned into zeros.
/// </summary>
public static class AblationScorer
{
    /// <summary>Both steps: <see cref="PrepareAsync"/> then <see cref="Run"/> (on the calling thread).</summary>
    public static async Task<NeuronAblation> ScoreAsync(Gpt2Model model, NeuronRecord neuron, IReadOnlyList<string> explanations,
        ISimulator simulator, AblationOptions? options = null, CancellationToken cancellationToken = default)
    {
        var plan = await PrepareAsync(neuron, explanations, simulator, Gpt2Tokenizer.Shared, options, cancellationToken).ConfigureAwait(false);
        return Run(plan, model, cancellationToken);
    }

    /// <summary>Simulates and calibrates every explanation (no subject model needed; LLM simulators run concurrently).</summary>
    public static async Task<AblationPlan> PrepareAsync(NeuronRecord neuron, IReadOnlyList<string> explanations, ISimulator simulator,
        Gpt2Tokenizer tokenizer, AblationOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(neuron);
        ArgumentNullException.ThrowIfNull(explanations);
        ArgumentNullException.ThrowIfNull(simulator);
        ArgumentNullException.ThrowIfNull(tokenizer);
        options ??= new AblationOptions();
        if (explanations.Any(string.IsNullOrWhiteSpace))
            throw new ArgumentException("An explanation to ablate is empty.");
        var slice = new ActivationRecordSliceParams(options.ExamplesPerSplit);
        var valid = neuron.EvaluationRecords(slice, EvaluationSet.TopAndRandom);
        var topCount = valid.Count - neuron.EvaluationRecords(slice, EvaluationSet.RandomOnly).Count;
        var calibration = neuron.CalibrationActivationRecords(slice);
        var mean = MeanActivation.For(neuron);
        var ids = valid.Select(r => TokenIds(r, tokenizer)).ToList();
        var prepared = await Task.WhenAll(explanations.Select(e =>
            PrepareOneAsync(e.Trim(), valid, topCount, ids, calibration, simulator, cancellationToken))).ConfigureAwait(false);
        return new AblationPlan(neuron.NeuronId, valid, topCount, ids.Select(i => i.Ids).ToList(), mean, prepared, simulator.Info, options);
    }

    /// <summary>Runs the subject model passes of a plan and scores every explanation on both evaluation sets.</summary>
    public static NeuronAblation Run(AblationPlan plan, Gpt2Model model, CancellationToken cancellationToken = default, Action<long, long>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(model);
        // Excerpts whose tokens the model cannot take are left out for everyone (they are already failures of each explanation).
        var usable = Enumerable.Range(0, plan.Records.Count)
            .Where(i => plan.TokenIds[i] is { } t && t.Length <= model.Config.ContextLength && t.All(id => id < model.Config.VocabSize)).ToArray();
        var request = new AblationRequest(plan.Neuron, usable.Select(i => plan.TokenIds[i]!).ToList(), plan.Mean.Value,
            plan.Explanations.Select(e => (IReadOnlyList<IReadOnlyList<double>?>)usable.Select(i => e.Calibrated[i]).ToList()).ToList(),
            plan.Options.Divergence);
        var passes = new NeuronAblator(model, plan.Options.BatchSize).Run(request, cancellationToken, progress);
        var results = plan.Explanations.Select((e, k) => Score(plan, e, usable, passes.MeanAblated, passes.Simulated[k], model)).ToList();
        return new NeuronAblation(plan.Neuron, results, passes.Cost);
    }

    private static ExplanationAblation Score(AblationPlan plan, PreparedExplanation e, int[] usable,
        IReadOnlyList<double[]> mean, IReadOnlyList<double[]?> simulated, Gpt2Model model)
    {
        var failures = e.Failures.ToList();
        foreach (var i in Enumerable.Range(0, plan.Records.Count).Except(usable).Where(i => plan.TokenIds[i] is not null))
            failures.Add(Failure(plan, i, $"the excerpt does not fit the subject model (context {model.Config.ContextLength}, vocabulary {model.Config.VocabSize})"));
        AblationResult On(bool randomOnly)
        {
            if (e.Calibration is null)
                return new AblationResult(null, double.NaN, double.NaN, plan.Options.Divergence, 0, 0,
                    "no calibration record could be simulated, so the simulation cannot be put in activation units");
            var rows = Enumerable.Range(0, usable.Length).Where(j => simulated[j] is not null && (!randomOnly || usable[j] >= plan.TopCount)).ToList();
            return AblationScoring.Score(rows.Select(j => (IReadOnlyList<double>)simulated[j]!).ToList(),
                rows.Select(j => (IReadOnlyList<double>)mean[j]).ToList(), plan.Options.Divergence);
        }

        return new ExplanationAblation(e.Explanation, On(false), On(true), e.Calibration, e.CalibrationRecords, failures, plan.Mean, plan.Simulator, e.Usage);
    }

    private static async Task<PreparedExplanation> PrepareOneAsync(string explanation, IReadOnlyList<ActivationRecord> valid, int topCount,
        IReadOnlyList<(int[]? Ids, string? Problem)> ids, IReadOnlyList<ActivationRecord> calibration, ISimulator simulator, CancellationToken ct)
    {
        // Excerpts the model cannot read are not simulated at all.
        var toSimulate = valid.Select((r, i) => ids[i].Ids is null ? null : r).Concat(calibration).ToList();
        var outcomes = await Task.WhenAll(toSimulate.Select(r => r is null ? Task.FromResult<SimulationOutcome?>(null)
            : Simulate(simulator, explanation, r, ct))).ConfigureAwait(false);
        var failures = new List<FailedSimulation>();
        var pairs = new List<(ActivationRecord Record, SequenceSimulation Simulation)>();
        for (var c = 0; c < calibration.Count; c++)
        {
            if (Usable(outcomes[valid.Count + c], calibration[c], "calibration", c, failures) is { } s)
                pairs.Add((calibration[c], s));
        }

        var fit = pairs.Count == 0 ? null : (LinearCalibration)Calibrations.Fit(CalibrationMethod.Linear, pairs.Select(p => p.Record).ToList(), pairs.Select(p => p.Simulation).ToList());
        var calibrated = new IReadOnlyList<double>?[valid.Count];
        for (var i = 0; i < valid.Count; i++)
        {
            var (split, index) = i < topCount ? ("top", i) : ("random", i - topCount);
            if (ids[i].Problem is { } problem)
                failures.Add(new FailedSimulation(split, index, problem, null));
            else if (Usable(outcomes[i], valid[i], split, index, failures) is { } s && fit is not null)
                calibrated[i] = fit.Apply(s.ExpectedActivations);
        }

        var usage = outcomes.Aggregate(Usage.None, (sum, o) => o is null ? sum : sum + o.Usage);
        return new PreparedExplanation(explanation, fit, pairs.Count, calibrated, failures, usage);
    }

    private static async Task<SimulationOutcome?> Simulate(ISimulator simulator, string explanation, ActivationRecord record, CancellationToken ct) =>
        await simulator.SimulateAsync(explanation, record.Tokens, ct).ConfigureAwait(false);

    /// <summary>The simulation when it succeeded with one value per token; otherwise records the failure and returns null.</summary>
    private static SequenceSimulation? Usable(SimulationOutcome? outcome, ActivationRecord record, string split, int index, List<FailedSimulation> failures)
    {
        if (outcome is null)
            return null;
        if (!outcome.Succeeded)
            failures.Add(new FailedSimulation(split, index, outcome.FailureReason!, outcome.RawResponse));
        else if (outcome.Simulation!.ExpectedActivations.Count != record.Activations.Count)
            failures.Add(new FailedSimulation(split, index, $"the simulation has {outcome.Simulation.ExpectedActivations.Count} values for {record.Activations.Count} tokens", outcome.RawResponse));
        else if (outcome.Simulation.ExpectedActivations.Any(v => !double.IsFinite(v)))
            failures.Add(new FailedSimulation(split, index, "the simulation has a value that is not a finite number", outcome.RawResponse));
        else
            return outcome.Simulation;
        return null;
    }

    private static FailedSimulation Failure(AblationPlan plan, int i, string reason) =>
        i < plan.TopCount ? new("top", i, reason, null) : new("random", i - plan.TopCount, reason, null);

    private static (int[]? Ids, string? Problem) TokenIds(ActivationRecord record, Gpt2Tokenizer tokenizer)
    {
        if (record.Tokens.Count == 0)
            return (null, "the excerpt is empty");
        var ids = new int[record.Tokens.Count];
        for (var t = 0; t < ids.Length; t++)
        {
            if (!tokenizer.TryGetId(record.Tokens[t], out ids[t]))
                return (null, $"token {t} ('{record.Tokens[t]}') is not a GPT-2 token, so the subject model cannot be run on the excerpt");
        }

        return (ids, null);
    }
}
