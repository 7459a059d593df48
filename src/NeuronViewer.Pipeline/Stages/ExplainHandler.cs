using NeuronViewer.Pipeline.Jobs;
using NeuronViewer.Storage.Jobs;

namespace NeuronViewer.Pipeline.Stages;

/// <summary>The <c>explain</c> job: one item per selected neuron; neurons this explainer already explained are skipped.</summary>
public sealed class ExplainHandler(StageItems items) : IJobHandler
{
    public string Kind => JobKinds.Explain;

    public int MaxParallelItems => items.Parallelism;

    public IEnumerable<string> EnumerateItems(JobContext context) =>
        items.Select(context.Parameters<ExplainParameters>().Select).Select(n => NeuronItems.Key("explain", n));

    public Task<JobItemResult> RunItemAsync(JobContext context, JobItemRecord item, CancellationToken cancellationToken)
    {
        var p = context.Parameters<ExplainParameters>();
        return items.ExplainAsync(context, NeuronItems.Neuron(item.Key), new ExplainSettings(p.Candidates, p.ExamplesPerSplit, p.Seed), p.Backend, cancellationToken);
    }
}
