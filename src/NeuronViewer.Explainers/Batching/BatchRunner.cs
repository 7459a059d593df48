using System.Text;
using System.Text.Json.Nodes;
using NeuronViewer.Core.Abstractions;
using NeuronViewer.Explainers.Http;
using OpenAI.Files;

namespace NeuronViewer.Explainers.Batching;

/// <summary>One request of a batch: a caller-chosen unique id and a chat-completions body.</summary>
public sealed record BatchItem(string CustomId, JsonObject Body);

/// <summary>One result of a batch, matched back to its request by custom id; failed ones keep the raw line.</summary>
public sealed record BatchItemResult(string CustomId, JsonObject? Response, string? Error, string Raw, Usage Usage)
{
    public bool Succeeded => Response is not null;
}

/// <summary>
/// Runs chat requests through the OpenAI Batch API: uploads a JSONL file, creates the batch, polls it, downloads the
/// output and error files and matches results by custom id. The batch id is persisted, so a restarted run resumes
/// polling the same batch instead of submitting again.
/// </summary>
public sealed class BatchRunner(OpenAiConnection connection, IBatchStateStore store, TimeSpan? pollInterval = null)
{
    private static readonly string[] Finished = ["completed", "failed", "expired", "cancelled"];
    private readonly TimeSpan _poll = pollInterval ?? TimeSpan.FromSeconds(30);

    /// <summary>Submits (or resumes) the job and waits for every result; <paramref name="progress"/> gets each polled status.</summary>
    public async Task<IReadOnlyDictionary<string, BatchItemResult>> RunAsync(
        string jobKey, IReadOnlyList<BatchItem> items, IProgress<string>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(items);
        if (items.Select(i => i.CustomId).Distinct(StringComparer.Ordinal).Count() != items.Count)
            throw new ArgumentException("Batch items need unique custom ids.", nameof(items));
        var state = await store.LoadAsync(jobKey, cancellationToken).ConfigureAwait(false);
        if (state is not null && !state.CustomIds.Order(StringComparer.Ordinal).SequenceEqual(items.Select(i => i.CustomId).Order(StringComparer.Ordinal), StringComparer.Ordinal))
        {
            throw new InvalidOperationException(
                $"Batch job '{jobKey}' was submitted as batch {state.BatchId} with other requests ({state.CustomIds.Count} custom ids) than the {items.Count} given now; " +
                "resume it with the same requests, or delete its saved state to submit a new batch.");
        }

        state ??= await SubmitAsync(jobKey, items, cancellationToken).ConfigureAwait(false);
        JsonObject batch;
        while (true)
        {
            batch = await GetAsync($"batches/{state.BatchId}", cancellationToken).ConfigureAwait(false);
            var status = batch["status"]?.GetValue<string>() ?? "unknown";
            progress?.Report(status);
            if (Finished.Contains(status))
                break;
            await Task.Delay(_poll, cancellationToken).ConfigureAwait(false);
        }
        var results = new Dictionary<string, BatchItemResult>(StringComparer.Ordinal);
        foreach (var key in new[] { "output_file_id", "error_file_id" })
            if (batch[key]?.GetValue<string>() is { } fileId)
                foreach (var result in ParseResults(await DownloadAsync(fileId, cancellationToken).ConfigureAwait(false)))
                    results[result.CustomId] = result;
        foreach (var id in state.CustomIds.Where(id => !results.ContainsKey(id)))
            results[id] = new BatchItemResult(id, null, $"no result in the batch (status {batch["status"]})", batch.ToJsonString(), Usage.None);
        foreach (var r in results.Values)
            connection.Meter.Add(r.Usage);
        return results;
    }

    private async Task<BatchState> SubmitAsync(string jobKey, IReadOnlyList<BatchItem> items, CancellationToken cancellationToken)
    {
        var jsonl = new StringBuilder();
        foreach (var item in items)
            jsonl.Append(new JsonObject { ["custom_id"] = item.CustomId, ["method"] = "POST", ["url"] = "/v1/chat/completions", ["body"] = item.Body.DeepClone() }.ToJsonString()).Append('\n');
        var files = connection.Client.GetOpenAIFileClient();
        var file = await files.UploadFileAsync(BinaryData.FromString(jsonl.ToString()), $"{jobKey}.jsonl", FileUploadPurpose.Batch).ConfigureAwait(false);
        var body = new JsonObject { ["input_file_id"] = file.Value.Id, ["endpoint"] = "/v1/chat/completions", ["completion_window"] = "24h" };
        var (created, _, _) = await connection.PostJsonAsync("batches", body, cancellationToken).ConfigureAwait(false);
        var state = new BatchState(created["id"]!.GetValue<string>(), file.Value.Id, [.. items.Select(i => i.CustomId)], DateTimeOffset.UtcNow);
        await store.SaveAsync(jobKey, state, cancellationToken).ConfigureAwait(false);
        return state;
    }

    private async Task<JsonObject> GetAsync(string path, CancellationToken cancellationToken)
    {
        var (status, body) = await connection.SendAsync("GET", path, null, cancellationToken).ConfigureAwait(false);
        if (status is < 200 or >= 300)
            throw new LlmCallException($"HTTP {status} from {path}: {OpenAiConnection.ErrorMessage(body)}", status, body, Usage.None);
        return OpenAiConnection.ParseObject(body, path, Usage.None);
    }

    private async Task<string> DownloadAsync(string fileId, CancellationToken cancellationToken)
    {
        var (status, body) = await connection.SendAsync("GET", $"files/{fileId}/content", null, cancellationToken).ConfigureAwait(false);
        return status is >= 200 and < 300 ? body
            : throw new LlmCallException($"HTTP {status} downloading batch file {fileId}: {OpenAiConnection.ErrorMessage(body)}", status, body, Usage.None);
    }

    private static IEnumerable<BatchItemResult> ParseResults(string jsonl)
    {
        foreach (var line in jsonl.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var node = System.Text.Json.Nodes.JsonNode.Parse(line) as JsonObject;
            var id = node?["custom_id"]?.GetValue<string>();
            if (node is null || id is null)
                continue;
            var code = node["response"]?["status_code"]?.GetValue<int>() ?? 0;
            var body = node["response"]?["body"] as JsonObject;
            if (code is >= 200 and < 300 && body is not null)
                yield return new BatchItemResult(id, body, null, line, OpenAiConnection.ReadUsage(body));
            else
                yield return new BatchItemResult(id, null, node["error"]?["message"]?.GetValue<string>() ?? (body is null ? $"HTTP {code}" : $"HTTP {code}: {OpenAiConnection.ErrorMessage(body.ToJsonString())}"), line, new Usage(1, 0, 0));
        }
    }
}
