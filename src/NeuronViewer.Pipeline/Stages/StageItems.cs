using NeuronViewer.Core.Abstractions;
using NeuronViewer.Core.Records;
using NeuronViewer.Pipeline.Jobs;
using NeuronViewer.Pipeline.Subject;
using NeuronViewer.Storage;
using NeuronViewer.SubjectModel.Checkpoints;
using NeuronViewer.SubjectModel.Corpus;

namespace NeuronViewer.Pipeline.Stages;

/// <summary>One job item of each stage, shared by the stage handlers and the pipeline: runs the stage and returns what to commit.</summary>
public sealed class StageItems(CollectStage collect, ExplainStage explain, ScoreStage score, BackendResolver backends, SubjectModelHost host, NeuronViewerStore store)
{
    /// <summary>Items of one job that may run at once: one for the offline baselines (CPU), the provider's concurrency otherwise.</summary>
    public int Parallelism
    {
        get
        {
            try
            {
                var o = backends.Configured;
                return o.Kind == Explainers.Configuration.ProviderKind.Offline ? 1 : Math.Max(1, o.MaxConcurrency);
            }
            catch (InvalidOperationException)
            {
                return 1;
            }
        }
    }

    /// <summary>The neurons a selection names, in layer/index order; a job with none fails with a message saying what to do.</summary>
    public IReadOnlyList<NeuronId> Select(NeuronSelection selection)
    {
        IEnumerable<NeuronId> found = selection.Neurons is { Count: > 0 } listed ? listed.Distinct()
            : selection.Layers is { Count: > 0 } layers ? layers.Distinct().Order().SelectMany(l => store.Records.List(l))
            : store.Records.List();
        var list = found.ToList();
        if (list.Count == 0)
            throw new JobFatalException(selection.Layers is { Count: > 0 } l
                ? $"No neuron of layer(s) {string.Join(",", l)} has a record; collect first."
                : "No neuron has a record yet; collect first.");
        return list;
    }

    /// <summary>The collection (skipped when every neuron of its layers already has a record and <paramref name="skipIfCollected"/>); bad input fails the job.</summary>
    public async Task<JobItemResult> CollectAsync(JobContext context, CollectParameters parameters, bool skipIfCollected, CancellationToken cancellationToken)
    {
        try
        {
            var m = await host.GetAsync(cancellationToken).ConfigureAwait(false);
            var layers = CollectStage.Layers(parameters.Layers, m.Info);
            if (skipIfCollected && collect.IsCollected(layers, m.Info.NeuronsPerLayer))
            {
                context.Log($"every neuron of layer(s) {string.Join(",", layers)} already has a record; collection skipped");
                return JobItemResult.Success();
            }
            var outcome = await collect.RunAsync(parameters, context.JobId, new Relay(context.ReportProgress), cancellationToken).ConfigureAwait(false);
            context.Log("collected " + CollectStage.Describe(outcome));
            return JobItemResult.Success();
        }
        catch (Exception e) when (e is CheckpointException or CorpusException or ArgumentException or StorageException or IOException or UnauthorizedAccessException)
        {
            throw new JobFatalException(e.Message, e);
        }
    }

    /// <summary>One neuron's candidates; an explainer failure is the item's failure with the raw response.</summary>
    public async Task<JobItemResult> ExplainAsync(JobContext context, NeuronId neuron, ExplainSettings settings, BackendChoice? backend, CancellationToken cancellationToken)
    {
        var explainer = Fatal(() => backends.Explainer(backend));
        var prices = Fatal(() => backends.ExplainerOptions(backend));
        ExplainOutcome outcome;
        try
        {
            outcome = await explain.ExplainAsync(neuron, explainer, settings with { Prices = prices }, context.JobId, true, cancellationToken).ConfigureAwait(false);
        }
        catch (ArgumentException e)
        {
            return JobItemResult.Failure(e.Message);
        }
        return outcome switch
        {
            { Skipped: true } => JobItemResult.Success(),
            { Failed: true } => JobItemResult.Failure(outcome.FailureText),
            _ => JobItemResult.Success(() => explain.Save(outcome)),
        };
    }

    /// <summary>One neuron's candidates scored; when every simulation failed the item fails (with the first raw response) so retry redoes it.</summary>
    public async Task<JobItemResult> ScoreAsync(JobContext context, NeuronId neuron, ScoreSettings settings, BackendChoice? backend, CancellationToken cancellationToken)
    {
        var options = Fatal(() => backends.SimulatorOptions(backend));
        ISimulator simulator;
        try
        {
            simulator = await backends.SimulatorAsync(backend, cancellationToken).ConfigureAwait(false);
        }
        catch (InvalidOperationException e)
        {
            throw new JobFatalException(e.Message, e);
        }
        ScoreOutcome outcome;
        try
        {
            outcome = await score.ScoreNeuronAsync(neuron, simulator, settings with { Prices = options }, context.JobId, cancellationToken).ConfigureAwait(false);
        }
        catch (ArgumentException e)
        {
            return JobItemResult.Failure(e.Message);
        }
        if (outcome.Skipped) return JobItemResult.Success();
        if (outcome.AllFailed)
            return JobItemResult.Failure(outcome.FailureText);
        var failures = outcome.Ranked.Sum(r => r.Score.FailedSequences);
        if (failures > 0)
            context.Log($"{NeuronItems.Key("score", neuron)}: {failures} sequence(s) could not be simulated; stored as failed with their raw responses", "warning");
        return JobItemResult.Success(() => score.Save(outcome));
    }

    private static T Fatal<T>(Func<T> make)
    {
        try
        {
            return make();
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException)
        {
            throw new JobFatalException(e.Message, e);
        }
    }

    private sealed class Relay(Action<JobItemProgress> report) : IProgress<JobItemProgress>
    {
        public void Report(JobItemProgress value) => report(value);
    }
}
