using NeuronViewer.Core.Records;
using NeuronViewer.Pipeline.Jobs;
using NeuronViewer.Pipeline.Subject;
using NeuronViewer.Storage.Jobs;

namespace NeuronViewer.Pipeline.Stages;

/// <summary>
/// The <c>pipeline</c> job (and <c>first-run</c>, the same with fixed parameters): the collect item, then one explain item per
/// neuron, then one score item per neuron; each stage starts when the one before it has finished.
/// </summary>
public sealed class PipelineHandler(string kind, Func<JobContext, PipelineParameters> parameters, StageItems items, SubjectModelHost host) : IJobHandler
{
    public string Kind => kind;

    public int MaxParallelItems => items.Parallelism;

    public string StageOf(string itemKey) => NeuronItems.Stage(itemKey);

    public IEnumerable<string> EnumerateItems(JobContext context)
    {
        var p = parameters(context);
        var model = host.GetAsync().GetAwaiter().GetResult().Info;
        var neurons = CollectStage.Layers(p.Collect.Layers, model)
            .SelectMany(l => Enumerable.Range(0, model.NeuronsPerLayer).Select(n => new NeuronId(l, n))).ToList();
        return [NeuronItems.CollectKey, .. neurons.Select(n => NeuronItems.Key("explain", n)), .. neurons.Select(n => NeuronItems.Key("score", n))];
    }

    public Task<JobItemResult> RunItemAsync(JobContext context, JobItemRecord item, CancellationToken cancellationToken)
    {
        var p = parameters(context);
        return NeuronItems.Stage(item.Key) switch
        {
            NeuronItems.CollectKey => items.CollectAsync(context, p.Collect, skipIfCollected: true, cancellationToken),
            "explain" => items.ExplainAsync(context, NeuronItems.Neuron(item.Key), new ExplainSettings(p.Candidates, p.ExamplesPerSplit, p.Seed), p.Backend, cancellationToken),
            "score" => items.ScoreAsync(context, NeuronItems.Neuron(item.Key), new ScoreSettings(p.ExamplesPerSplit, p.Seed), p.Backend, cancellationToken),
            var other => throw new JobFatalException($"Unknown pipeline stage '{other}' in item {item.Key}."),
        };
    }
}
