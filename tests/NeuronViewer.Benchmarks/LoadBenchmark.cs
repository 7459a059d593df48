using System.Diagnostics;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using NeuronViewer.Core.Records;
using NeuronViewer.Pipeline.Subject;
using NeuronViewer.Web.Neurons;
using NeuronViewer.Web.Security;
using NeuronViewer.Web.Tests.Load;

namespace NeuronViewer.Benchmarks;

/// <summary>
/// `load`: one server on 127.0.0.1 (accounts, real LiteDB file). (1) N annotators, each logged in through /login, submit R ratings
/// each at the same time over <c>POST /api/rate</c>: p50/p95/p99 submit latency, errors, stored count. (2) A researcher's
/// <c>GET /api/neurons</c> latency with no "try your own text" running versus with 5 running at once (the page's service, the real
/// subject model, in-process), phases alternated in one run; the ratio. Arguments: --annotators 50 --ratings 20 --gets 200 --rounds 3.
/// </summary>
public static class LoadBenchmark
{
    private const string Password = "a long enough password";
    private const string TryText = "The cat sat on the mat while the dog slept by the fire. In 1999 the city council voted to rebuild the old bridge, " +
                                   "and the work began the following spring with new steel from the mill upstream.";

    public static async Task<int> RunAsync(string[] args)
    {
        var annotators = Argument(args, "--annotators", 50);
        var ratings = Argument(args, "--ratings", 20);
        var gets = Argument(args, "--gets", 200);
        var rounds = Argument(args, "--rounds", 3);
        var tasks = (ratings + 1) / 2;
        using var server = new LiveServer();
        server.Start();
        Console.WriteLine($"load benchmark: {Environment.ProcessorCount} cores; server {server.BaseUrl}; {annotators} annotators × {ratings} ratings ({tasks} tasks, each submitted then revised)");
        var users = server.AddUsers("annotator", annotators, Roles.Annotator, Password);
        var solo = server.AddUsers("solo", 1, Roles.Annotator, Password);
        var researcher = server.AddUsers("researcher", 1, Roles.Researcher, Password)[0];
        var studyId = LoadStudy.Create(server.Store, [.. users, .. solo], tasks);
        var clients = await Task.WhenAll(users.Select(u => AnnotatorClient.LoginAsync(server.BaseUrl, u.Name, Password)));
        try
        {
            using var alone = await AnnotatorClient.LoginAsync(server.BaseUrl, solo[0].Name, Password);
            var single = await Submits([alone], ratings, "1 annotator alone");
            var many = await Submits(clients, ratings, $"{clients.Length} concurrent annotators");
            Console.WriteLine($"ratio concurrent/alone: p50 {many.P50 / single.P50:F1}×  p95 {many.P95 / single.P95:F1}×");
            var stored = server.Store.Ratings.AllForStudy(studyId);
            Console.WriteLine($"stored revisions {stored.Count} (expected {(clients.Length + 1) * ratings}), " +
                              $"distinct (task, annotator, revision) {stored.Select(r => (r.TaskId, r.AnnotatorId, r.Revision)).Distinct().Count()}");
        }
        finally
        {
            foreach (var client in clients)
                client.Dispose();
        }
        using var reader = await AnnotatorClient.LoginAsync(server.BaseUrl, researcher.Name, Password);
        await ReadsBesideTryText(server, reader, gets, rounds);
        return 0;
    }

    private static async Task<(double P50, double P95)> Submits(AnnotatorClient[] clients, int ratings, string label)
    {
        var queues = await Task.WhenAll(clients.Select(c => c.QueueAsync()));
        var latencies = new List<double>();
        var errors = new List<string>();
        var start = new TaskCompletionSource();
        var watch = new Stopwatch();
        var work = clients.Select(async (client, n) =>
        {
            await start.Task;
            for (var i = 0; i < ratings; i++)
            {
                var row = queues[n][i % queues[n].Count];
                var timer = Stopwatch.StartNew();
                using var response = await client.SubmitAsync(row.Url, AnnotatorClient.Rating(5, ascending: i >= queues[n].Count));
                var ms = timer.Elapsed.TotalMilliseconds;
                var failed = response.StatusCode != HttpStatusCode.OK ? $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}" : null;
                lock (latencies)
                {
                    latencies.Add(ms);
                    if (failed is not null)
                        errors.Add(failed);
                }
            }
        }).ToList();
        watch.Start();
        start.SetResult();
        await Task.WhenAll(work);
        watch.Stop();
        var sorted = latencies.Order().ToArray();
        Console.WriteLine($"{label}: {sorted.Length} submits in {watch.Elapsed.TotalSeconds:F1} s ({sorted.Length / watch.Elapsed.TotalSeconds:F0}/s); " +
                          $"errors {errors.Count}{(errors.Count > 0 ? " (first: " + errors[0] + ")" : "")}");
        Console.WriteLine($"  submit latency ms: p50 {Percentile(sorted, 0.50):F1}  p95 {Percentile(sorted, 0.95):F1}  p99 {Percentile(sorted, 0.99):F1}  max {sorted[^1]:F1}");
        return (Percentile(sorted, 0.50), Percentile(sorted, 0.95));
    }

    private static async Task ReadsBesideTryText(LiveServer server, AnnotatorClient reader, int gets, int rounds)
    {
        var views = server.Services.GetRequiredService<SubjectModelViews>();
        var host = server.Services.GetRequiredService<SubjectModelHost>();
        var info = (await host.GetAsync()).Info;
        var neuron = new NeuronId(Math.Min(1, info.Layers - 1), 7);
        var one = Stopwatch.StartNew();
        await views.TryTextAsync(neuron, TryText, "the word cat");
        Console.WriteLine($"try your own text: subject model {info.Label}, {TryText.Length} characters, one request alone {one.Elapsed.TotalMilliseconds:F0} ms (warm-up)");
        for (var i = 0; i < 20; i++)
            await Get(reader);
        var quiet = new List<double>();
        var busy = new List<double>();
        var (tried, refused) = (0, 0);
        for (var round = 0; round < rounds; round++)
        {
            quiet.AddRange(await Gets(reader, gets));
            using var stop = new CancellationTokenSource();
            var running = Enumerable.Range(0, 5).Select(_ => Task.Run(async () =>
            {
                while (!stop.IsCancellationRequested)
                {
                    try
                    {
                        await views.TryTextAsync(neuron, TryText, "the word cat", stop.Token);
                        Interlocked.Increment(ref tried);
                    }
                    catch (TryTextException)
                    {
                        Interlocked.Increment(ref refused);
                    }
                    catch (OperationCanceledException)
                    {
                    }
                }
            })).ToList();
            await Task.Delay(200);
            busy.AddRange(await Gets(reader, gets));
            await stop.CancelAsync();
            await Task.WhenAll(running);
        }
        var (q, b) = (quiet.Order().ToArray(), busy.Order().ToArray());
        Console.WriteLine($"GET /api/neurons?sort=-score&page_size=50, {rounds} rounds × {gets} requests per phase, phases alternated:");
        Console.WriteLine($"{"phase",-34} {"p50 ms",8} {"p95 ms",8} {"p99 ms",8}");
        Console.WriteLine($"{"no try-text running",-34} {Percentile(q, 0.5),8:F2} {Percentile(q, 0.95),8:F2} {Percentile(q, 0.99),8:F2}");
        Console.WriteLine($"{"5 concurrent try-text running",-34} {Percentile(b, 0.5),8:F2} {Percentile(b, 0.95),8:F2} {Percentile(b, 0.99),8:F2}");
        Console.WriteLine($"ratio busy/quiet: p50 {Percentile(b, 0.5) / Percentile(q, 0.5):F2}×  p95 {Percentile(b, 0.95) / Percentile(q, 0.95):F2}×; " +
                          $"try-text requests completed during the busy phases: {tried}, refused as busy: {refused}");
    }

    private static async Task<List<double>> Gets(AnnotatorClient reader, int count)
    {
        var times = new List<double>(count);
        for (var i = 0; i < count; i++)
        {
            var watch = Stopwatch.StartNew();
            await Get(reader);
            times.Add(watch.Elapsed.TotalMilliseconds);
        }
        return times;
    }

    private static async Task Get(AnnotatorClient reader)
    {
        using var response = await reader.Http.GetAsync("/api/neurons?sort=-score&page_size=50");
        response.EnsureSuccessStatusCode();
        await response.Content.ReadAsByteArrayAsync();
    }

    private static double Percentile(double[] sorted, double p) => sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];

    private static int Argument(string[] args, string name, int fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length && int.TryParse(args[i + 1], out var v) ? v : fallback;
    }
}
