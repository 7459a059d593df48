using NeuronViewer.Pipeline.Jobs;
using NeuronViewer.Storage.Jobs;

namespace NeuronViewer.Pipeline.Stages;

/// <summary>The <c>collect</c> job: one item, the whole collection (progress in excerpts; resumes from its checkpoint).</summary>
public sealed class CollectHandler(StageItems items) : IJobHandler
{
    public string Kind => JobKinds.Collect;

    public IEnumerable<string> EnumerateItems(JobContext context) => [NeuronItems.CollectKey];

    public Task<JobItemResult> RunItemAsync(JobContext context, JobItemRecord item, CancellationToken cancellationToken) =>
        items.CollectAsync(context, context.Parameters<CollectParameters>(), skipIfCollected: false, cancellationToken);
}
