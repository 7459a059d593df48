using NeuronViewer.Core.Abstractions;
using NeuronViewer.Explainers.Explaining;

namespace NeuronViewer.Explainers.Batching;

/// <summary>One neuron to explain in a batch, under a caller-chosen unique id.</summary>
public sealed record ExplanationJob(string Id, ExplainRequest Request);

/// <summary>
/// Explains many neurons through the Batch API with the chat explainer's requests (n samples, plus the numbered list when
/// enabled): every request is one JSONL line with custom id <c>{job id}/{part}</c>, and each neuron's replies are matched
/// back by those ids. Resumable: the batch runner's state store keeps the submitted batch across restarts.
/// </summary>
public static class BatchExplanation
{
    public static async Task<IReadOnlyDictionary<string, ExplainResult>> ExplainAsync(
        OpenAiExplainer explainer, BatchRunner runner, string jobKey, IReadOnlyList<ExplanationJob> jobs,
        IProgress<string>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(explainer);
        ArgumentNullException.ThrowIfNull(runner);
        ArgumentNullException.ThrowIfNull(jobs);
        var calls = jobs.Select(j => (Job: j, Calls: explainer.BuildRequests(j.Request))).ToList();
        var items = calls.SelectMany(c => c.Calls.Select(call => new BatchItem(CustomId(c.Job, call), call.Body))).ToList();
        var results = await runner.RunAsync(jobKey, items, progress, cancellationToken).ConfigureAwait(false);
        return calls.ToDictionary(c => c.Job.Id, c =>
        {
            var replies = c.Calls.Select(call =>
            {
                var r = results[CustomId(c.Job, call)];
                return new ExplainerReply(call, r.Response, r.Response is null ? r.Error ?? "the batch request failed" : null, r.Raw, r.Usage);
            }).ToList();
            return explainer.ReadReplies(c.Job.Request, replies);
        }, StringComparer.Ordinal);
    }

    private static string CustomId(ExplanationJob job, ExplainerCall call) => job.Id + "/" + call.Part;
}
