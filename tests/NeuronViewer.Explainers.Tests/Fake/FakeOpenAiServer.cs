using System.Collections.Concurrent;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace NeuronViewer.Explainers.Tests.Fake;

/// <summary>A request the fake server received.</summary>
public sealed record RecordedRequest(string Method, string Path, string Body, string? Authorization, string? ApiKey)
{
    public JsonObject Json => (JsonObject)JsonNode.Parse(Body)!;
}

/// <summary>
/// An in-process OpenAI-compatible server on 127.0.0.1 (random port) speaking the wire format of chat completions,
/// legacy completions, files and batches. Answers come from per-path scripts, else from per-path handlers.
/// </summary>
public sealed partial class FakeOpenAiServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, ConcurrentQueue<FakeReply>> _scripts = new();
    private int _inFlight;
    private int _maxInFlight;

    private FakeOpenAiServer(WebApplication app) => _app = app;

    public Uri BaseUrl { get; private set; } = null!;

    public TimeSpan Latency { get; set; }

    public ConcurrentQueue<RecordedRequest> Requests { get; } = new();

    public int MaxInFlight => Volatile.Read(ref _maxInFlight);

    /// <summary>Answers to chat requests that have no script (default: an error, so a test states what it expects).</summary>
    public Func<JsonObject, FakeReply> Chat { get; set; } = _ => FakeReply.Error(500, "no chat handler scripted", "server_error");

    public Func<JsonObject, FakeReply> Completions { get; set; } = _ => FakeReply.Error(500, "no completions handler scripted", "server_error");

    public static async Task<FakeOpenAiServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var server = new FakeOpenAiServer(builder.Build());
        server.Map();
        await server._app.StartAsync().ConfigureAwait(false);
        var address = server._app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.BaseUrl = new Uri(address.TrimEnd('/') + "/v1/");
        return server;
    }

    /// <summary>Queues answers for the next requests to a path such as <c>chat/completions</c>.</summary>
    public void Script(string path, params FakeReply[] replies)
    {
        var queue = _scripts.GetOrAdd(path, _ => new ConcurrentQueue<FakeReply>());
        foreach (var r in replies)
            queue.Enqueue(r);
    }

    public int Count(string path) => Requests.Count(r => r.Path == path);

    /// <summary>Waits (up to a minute) until at least <paramref name="count"/> requests to <paramref name="path"/> have arrived.</summary>
    public async Task WaitForAsync(string path, int count = 1)
    {
        var deadline = DateTime.UtcNow.AddMinutes(1);
        while (Count(path) < count)
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"{Count(path)} of {count} requests to {path} arrived within a minute");
            await Task.Delay(10);
        }
    }

    private void Map()
    {
        _app.MapPost("/v1/chat/completions", ctx => Handle(ctx, "chat/completions", body => Chat(body)));
        _app.MapPost("/v1/completions", ctx => Handle(ctx, "completions", body => Completions(body)));
        _app.MapPost("/openai/v1/chat/completions", ctx => Handle(ctx, "chat/completions", body => Chat(body)));
        MapFilesAndBatches();
    }

    private async Task Handle(HttpContext ctx, string path, Func<JsonObject, FakeReply> handler)
    {
        var body = await new StreamReader(ctx.Request.Body, Encoding.UTF8).ReadToEndAsync().ConfigureAwait(false);
        Requests.Enqueue(new RecordedRequest(ctx.Request.Method, path, body, ctx.Request.Headers.Authorization, ctx.Request.Headers["api-key"]));
        var now = Interlocked.Increment(ref _inFlight);
        InterlockedMax(ref _maxInFlight, now);
        try
        {
            if (Latency > TimeSpan.Zero)
                await Task.Delay(Latency).ConfigureAwait(false);
            var reply = _scripts.TryGetValue(path, out var q) && q.TryDequeue(out var scripted) ? scripted : Dispatch(handler, body);
            if (reply.Delay > TimeSpan.Zero)
                await Task.Delay(reply.Delay, ctx.RequestAborted).ConfigureAwait(false);
            await Write(ctx, reply).ConfigureAwait(false);
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }

    private static FakeReply Dispatch(Func<JsonObject, FakeReply> handler, string body) =>
        JsonNode.Parse(body) is JsonObject json ? handler(json) : FakeReply.Error(400, "body is not a JSON object");

    private static async Task Write(HttpContext ctx, FakeReply reply)
    {
        ctx.Response.StatusCode = reply.Status;
        ctx.Response.ContentType = "application/json";
        foreach (var (k, v) in reply.Headers ?? new Dictionary<string, string>())
            ctx.Response.Headers[k] = v;
        await ctx.Response.WriteAsync(reply.Body).ConfigureAwait(false);
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int seen;
        while ((seen = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, seen) != seen)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }
}
