using System.Globalization;
using NeuronViewer.Core.Ablation;
using NeuronViewer.Core.Abstractions;
using NeuronViewer.Pipeline.Ablation;
using NeuronViewer.Pipeline.Jobs;
using NeuronViewer.Storage.Jobs;

namespace NeuronViewer.Pipeline.Stages;

/// <summary>Parameters of an <c>ablate</c> job.</summary>
public sealed record AblateParameters
{
    public NeuronSelection Select { get; init; } = new();

    /// <summary>The simulator (only its Simulator, Endpoint and SimulatorModel fields matter).</summary>
    public BackendChoice? Backend { get; init; }

    /// <summary>"jsd" (default) or "kl".</summary>
    public string Divergence { get; init; } = "jsd";

    /// <summary>Records per split (null: as many as the record allows, spec §4).</summary>
    public int? ExamplesPerSplit { get; init; }

    /// <summary>Excerpts per forward call.</summary>
    public int BatchSize { get; init; } = 4;

    /// <summary>Ablate candidates again even when this simulator and divergence already scored them.</summary>
    public bool Redo { get; init; }
}

/// <summary>The <c>ablate</c> job: one item per selected neuron, all its candidates ablated together (original and mean-ablated passes shared).</summary>
public sealed class AblateHandler(AblateStage stage, StageItems items, BackendResolver backends) : IJobHandler
{
    public string Kind => JobKinds.Ablate;

    public IEnumerable<string> EnumerateItems(JobContext context) =>
        items.Select(context.Parameters<AblateParameters>().Select).Select(n => NeuronItems.Key("ablate", n));

    public async Task<JobItemResult> RunItemAsync(JobContext context, JobItemRecord item, CancellationToken cancellationToken)
    {
        var p = context.Parameters<AblateParameters>();
        var neuron = NeuronItems.Neuron(item.Key);
        AblationOptions options;
        ISimulator simulator;
        try
        {
            options = new AblationOptions { Divergence = Divergences.Parse(p.Divergence), ExamplesPerSplit = p.ExamplesPerSplit, BatchSize = p.BatchSize };
            if (p.BatchSize < 1) throw new ArgumentException($"Batch size must be positive, not {p.BatchSize}.");
            simulator = await backends.SimulatorAsync(p.Backend, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException)
        {
            throw new JobFatalException(e.Message, e);
        }
        AblateOutcome outcome;
        try
        {
            outcome = await stage.AblateNeuronAsync(neuron, simulator, options, context.JobId, p.Redo, cancellationToken,
                (done, total) => context.ReportProgress(new JobItemProgress($"ablating {neuron}", done, total, "excerpt passes"))).ConfigureAwait(false);
        }
        catch (ArgumentException e)
        {
            return JobItemResult.Failure(e.Message);
        }
        if (outcome.Skipped) return JobItemResult.Success();
        var failures = outcome.Ranked.SelectMany(r => r.Ablation.Failures).ToList();
        if (failures.Count > 0 && outcome.Ranked.All(r => r.Ablation.TopAndRandom.Positions == 0))
            return JobItemResult.Failure(StageText.WithRaw($"every simulation failed ({failures.Count} sequences): {failures[0].Reason}", failures[0].RawResponse));
        if (failures.Count > 0)
            context.Log($"{item.Key}: {failures.Count} sequence(s) could not be simulated and were left out; stored with their raw responses", "warning");
        var best = outcome.Ranked[0].Ablation.TopAndRandom;
        context.Log(string.Create(CultureInfo.InvariantCulture,
            $"{item.Key}: best ablation score {(best.Score is { } s ? s.ToString("F3", CultureInfo.InvariantCulture) : "null (" + best.NullReason + ")")} over {outcome.Ranked.Count} candidate(s); {outcome.Cost.ExcerptPasses} excerpt passes, {outcome.Cost.Tokens} tokens, {outcome.Cost.Elapsed.TotalSeconds:F1} s"));
        return JobItemResult.Success(() => stage.Save(outcome));
    }
}
