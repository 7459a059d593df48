using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using NeuronViewer.Core.Records;
using NeuronViewer.Explainers.Configuration;
using NeuronViewer.Explainers.Http;
using NeuronViewer.Explainers.Scoring;
using NeuronViewer.Explainers.Simulating;

namespace NeuronViewer.Benchmarks;

/// <summary>
/// <c>llm-throughput [latencyMs] [concurrency] [requests]</c>: chat simulations against a local OpenAI-compatible server
/// that adds latency L; reports throughput against the ideal C/L and requests/tokens per scored explanation.
/// </summary>
internal static class LlmThroughputBenchmark
{
    public static async Task RunAsync(string[] args)
    {
        var latency = TimeSpan.FromMilliseconds(Arg(args, 0, 200));
        var concurrency = Arg(args, 1, 8);
        var requests = Arg(args, 2, 160);
        await using var server = await StartServerAsync(latency);
        var options = new ProviderOptions { Kind = ProviderKind.Compatible, Endpoint = server.Url, MaxConcurrency = concurrency, SimulatorModel = "bench" };
        var connection = new OpenAiConnection(options, "bench-key");
        var simulator = ChatSimulator.Lines(connection, "bench");
        string[] tokens = [" The", " cup", " of", " tea", " was", " full", " of", " leaves", "."];

        await simulator.SimulateAsync("warm-up", tokens);
        var clock = Stopwatch.StartNew();
        var outcomes = await Task.WhenAll(Enumerable.Range(0, requests).Select(_ => simulator.SimulateAsync("the token \"of\"", tokens)));
        clock.Stop();
        var rate = requests / clock.Elapsed.TotalSeconds;
        var ideal = concurrency / latency.TotalSeconds;
        Console.WriteLine($"llm-throughput: L={latency.TotalMilliseconds} ms, C={concurrency}, {requests} simulations, {outcomes.Count(o => !o.Succeeded)} failed");
        Console.WriteLine($"  {rate:F1} requests/s vs ideal C/L = {ideal:F1} requests/s: {100 * rate / ideal:F1}% (goal ≥ 90%)");

        var neuron = Neuron();
        var before = connection.Meter.Total;
        var score = await ExplanationScorer.ScoreAsync(neuron, "the token \"of\"", simulator, new ScoringOptions { ExamplesPerSplit = 5 });
        var used = connection.Meter.Total.Requests - before.Requests;
        var excerpts = 20;
        Console.WriteLine($"  one scored explanation (n=5: 10 valid + 10 calibration excerpts): {used} requests ({(double)used / excerpts:F2} per excerpt), " +
                          $"{score.Provenance.Usage.PromptTokens} prompt + {score.Provenance.Usage.CompletionTokens} completion tokens, correlation {score.PreferredScore:F2}");
    }

    private static int Arg(string[] args, int i, int fallback) =>
        args.Length > i && int.TryParse(args[i], NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v : fallback;

    private static NeuronRecord Neuron()
    {
        var rng = new Random(5);
        string[] words = [" the", " cup", " of", " tea", " in", " time", " a", " lot"];
        ActivationRecord Make() =>
            new([.. Enumerable.Range(0, 16).Select(_ => words[rng.Next(words.Length)])], [.. Enumerable.Range(0, 16).Select(_ => rng.NextDouble())]);
        var top = Enumerable.Range(0, 20).Select(_ => Make()).ToList();
        return new NeuronRecord(new NeuronId(0, 0), [.. Enumerable.Range(0, 15).Select(_ => Make())], null, null, 0, 1, 0, 0, top);
    }

    private sealed class Server(WebApplication app, string url) : IAsyncDisposable
    {
        public string Url { get; } = url;

        public async ValueTask DisposeAsync() => await app.DisposeAsync();
    }

    /// <summary>Answers every chat request after the latency with each target token copied and valued 0 (or 9 for " of"), usage included.</summary>
    private static async Task<Server> StartServerAsync(TimeSpan latency)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        app.MapPost("/v1/chat/completions", async (HttpContext ctx) =>
        {
            var body = (JsonObject)(await JsonNode.ParseAsync(ctx.Request.Body))!;
            var user = body["messages"]!.AsArray().Last()!["content"]!.GetValue<string>();
            var tokens = user[(user.LastIndexOf("Tokens:\n", StringComparison.Ordinal) + 8)..].Split('\n');
            await Task.Delay(latency);
            var content = string.Join("\n", tokens.Select(t => t + "\t" + (t == " of" ? "9" : "0")));
            var reply = new JsonObject
            {
                ["choices"] = new JsonArray(new JsonObject { ["index"] = 0, ["message"] = new JsonObject { ["role"] = "assistant", ["content"] = content }, ["finish_reason"] = "stop" }),
                ["usage"] = new JsonObject { ["prompt_tokens"] = body.ToJsonString().Length / 4, ["completion_tokens"] = tokens.Length * 3 },
            };
            return Results.Text(reply.ToJsonString(), "application/json");
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new Server(app, address + "/v1");
    }
}
