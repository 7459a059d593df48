using NeuronViewer.Core.Abstractions;
using NeuronViewer.Explainers.Simulating;

namespace NeuronViewer.Explainers.Batching;

/// <summary>One excerpt to simulate in a batch.</summary>
public sealed record SimulationJob(string Id, string Explanation, IReadOnlyList<string> Tokens);

/// <summary>Simulates many excerpts through the Batch API with a chat simulator's request format; unmatched or unusable results are failures.</summary>
public static class BatchSimulation
{
    public static async Task<IReadOnlyDictionary<string, SimulationOutcome>> SimulateAsync(
        ChatSimulator simulator, BatchRunner runner, string jobKey, IReadOnlyList<SimulationJob> jobs,
        IProgress<string>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(simulator);
        ArgumentNullException.ThrowIfNull(runner);
        ArgumentNullException.ThrowIfNull(jobs);
        var items = jobs.Select(j => new BatchItem(j.Id, simulator.BuildRequest(j.Explanation, j.Tokens))).ToList();
        var results = await runner.RunAsync(jobKey, items, progress, cancellationToken).ConfigureAwait(false);
        return jobs.ToDictionary(j => j.Id, j =>
        {
            var r = results[j.Id];
            return r.Response is null
                ? SimulationOutcome.Failure(r.Error ?? "the batch request failed", r.Raw, r.Usage)
                : simulator.ReadResponse(r.Response, j.Tokens, r.Usage);
        }, StringComparer.Ordinal);
    }
}
