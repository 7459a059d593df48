using NeuronViewer.Pipeline.Jobs;
using NeuronViewer.Storage.Jobs;

namespace NeuronViewer.Pipeline.Stages;

/// <summary>The <c>score</c> job: one item per selected neuron; candidates this simulator already scored are skipped.</summary>
public sealed class ScoreHandler(StageItems items) : IJobHandler
{
    public string Kind => JobKinds.Score;

    public int MaxParallelItems => items.Parallelism;

    public IEnumerable<string> EnumerateItems(JobContext context) =>
        items.Select(context.Parameters<ScoreParameters>().Select).Select(n => NeuronItems.Key("score", n));

    public Task<JobItemResult> RunItemAsync(JobContext context, JobItemRecord item, CancellationToken cancellationToken)
    {
        var p = context.Parameters<ScoreParameters>();
        return items.ScoreAsync(context, NeuronItems.Neuron(item.Key), new ScoreSettings(p.ExamplesPerSplit, p.Seed), p.Backend, cancellationToken);
    }
}
