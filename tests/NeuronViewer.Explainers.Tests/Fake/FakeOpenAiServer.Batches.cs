using System.Collections.Concurrent;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace NeuronViewer.Explainers.Tests.Fake;

/// <summary>The files and batches endpoints of the fake server (in memory).</summary>
public sealed partial class FakeOpenAiServer
{
    private readonly ConcurrentDictionary<string, string> _files = new();
    private readonly ConcurrentDictionary<string, (JsonObject Batch, int Polls)> _batches = new();
    private int _nextId;

    /// <summary>How many status polls a batch stays "in_progress" before it completes.</summary>
    public int BatchPollsBeforeDone { get; set; } = 1;

    public int BatchesCreated => _batches.Count;

    private string NewId(string prefix) => $"{prefix}-{Interlocked.Increment(ref _nextId)}";

    private void MapFilesAndBatches()
    {
        _app.MapPost("/v1/files", async ctx =>
        {
            var form = await ctx.Request.ReadFormAsync().ConfigureAwait(false);
            var file = form.Files["file"];
            Requests.Enqueue(new RecordedRequest("POST", "files", $"purpose={form["purpose"]}", ctx.Request.Headers.Authorization, null));
            if (file is null || form["purpose"] != "batch")
            {
                await Write(ctx, FakeReply.Error(400, "a 'file' part and purpose 'batch' are required")).ConfigureAwait(false);
                return;
            }
            using var reader = new StreamReader(file.OpenReadStream(), Encoding.UTF8);
            var id = NewId("file");
            _files[id] = await reader.ReadToEndAsync().ConfigureAwait(false);
            await Write(ctx, FakeReply.Json(FileObject(id, file.FileName, "batch", _files[id].Length))).ConfigureAwait(false);
        });
        _app.MapGet("/v1/files/{id}/content", (string id) =>
        {
            Requests.Enqueue(new RecordedRequest("GET", "files/content", id, null, null));
            return _files.TryGetValue(id, out var text) ? Results.Text(text, "application/octet-stream") : Results.NotFound();
        });
        _app.MapPost("/v1/batches", async ctx =>
        {
            var body = await new StreamReader(ctx.Request.Body).ReadToEndAsync().ConfigureAwait(false);
            Requests.Enqueue(new RecordedRequest("POST", "batches", body, ctx.Request.Headers.Authorization, null));
            var request = (JsonObject)JsonNode.Parse(body)!;
            var input = request["input_file_id"]?.GetValue<string>();
            if (input is null || !_files.ContainsKey(input))
            {
                await Write(ctx, FakeReply.Error(404, $"No such File object: {input}")).ConfigureAwait(false);
                return;
            }
            var id = NewId("batch");
            var batch = new JsonObject
            {
                ["id"] = id, ["object"] = "batch", ["endpoint"] = request["endpoint"]?.DeepClone(), ["input_file_id"] = input,
                ["completion_window"] = "24h", ["status"] = "validating", ["output_file_id"] = null, ["error_file_id"] = null,
                ["created_at"] = 1700000000, ["request_counts"] = new JsonObject { ["total"] = 0, ["completed"] = 0, ["failed"] = 0 },
            };
            _batches[id] = (batch, 0);
            await Write(ctx, FakeReply.Json(batch)).ConfigureAwait(false);
        });
        _app.MapGet("/v1/batches/{id}", async (HttpContext ctx, string id) =>
        {
            Requests.Enqueue(new RecordedRequest("GET", "batches/get", id, ctx.Request.Headers.Authorization, null));
            if (!_batches.TryGetValue(id, out var entry))
            {
                await Write(ctx, FakeReply.Error(404, $"No such Batch object: {id}")).ConfigureAwait(false);
                return;
            }
            var polls = entry.Polls + 1;
            if (polls > BatchPollsBeforeDone && entry.Batch["status"]!.GetValue<string>() != "completed")
                Complete(entry.Batch);
            else if (polls <= BatchPollsBeforeDone)
                entry.Batch["status"] = "in_progress";
            _batches[id] = (entry.Batch, polls);
            await Write(ctx, FakeReply.Json(entry.Batch.DeepClone())).ConfigureAwait(false);
        });
    }

    private void Complete(JsonObject batch)
    {
        var output = new StringBuilder();
        var errors = new StringBuilder();
        int ok = 0, failed = 0;
        foreach (var line in _files[batch["input_file_id"]!.GetValue<string>()].Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var request = (JsonObject)JsonNode.Parse(line)!;
            var reply = Dispatch(b => Chat(b), request["body"]!.ToJsonString());
            var result = new JsonObject
            {
                ["id"] = NewId("batch_req"), ["custom_id"] = request["custom_id"]!.GetValue<string>(),
                ["response"] = new JsonObject { ["status_code"] = reply.Status, ["request_id"] = NewId("req"), ["body"] = JsonNode.Parse(reply.Body) },
                ["error"] = null,
            };
            (reply.Status == 200 ? output : errors).Append(result.ToJsonString()).Append('\n');
            _ = reply.Status == 200 ? ok++ : failed++;
        }
        batch["status"] = "completed";
        batch["request_counts"] = new JsonObject { ["total"] = ok + failed, ["completed"] = ok, ["failed"] = failed };
        if (ok > 0)
            _files[(batch["output_file_id"] = NewId("file"))!.GetValue<string>()] = output.ToString();
        if (failed > 0)
            _files[(batch["error_file_id"] = NewId("file"))!.GetValue<string>()] = errors.ToString();
    }

    private static JsonObject FileObject(string id, string name, string purpose, int bytes) => new()
    {
        ["id"] = id, ["object"] = "file", ["bytes"] = bytes, ["created_at"] = 1700000000, ["filename"] = name, ["purpose"] = purpose, ["status"] = "processed",
    };
}
