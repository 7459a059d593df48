using System.Diagnostics;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Rendering;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using NeuronViewer.Core.Records;
using NeuronViewer.Web.Components.Viewer;
using NeuronViewer.Web.Viewer;

namespace NeuronViewer.Benchmarks;

/// <summary>
/// viewer-render: server render time of the viewer's heatmaps for a neuron page's worth of excerpts (20 excerpts × 64
/// tokens × real and simulated rows), with Blazor's HtmlRenderer; side by side with a one-component-per-token baseline.
/// </summary>
internal static class ViewerRenderBenchmark
{
    private const int Excerpts = 20;
    private const int TokensPerExcerpt = 64;

    public static async Task<int> RunAsync(string[] args)
    {
        var iterations = args.Length > 0 && int.TryParse(args[0], out var n) ? n : 200;
        var excerpts = BuildExcerpts();
        var rows = excerpts.SelectMany(e => new[] { (e.Real.Tokens, e.Real.Activations), (e.Simulation!.Tokens, e.Simulation.ExpectedActivations) }).ToArray();
        var scale = HeatScale.ForActivations(rows.SelectMany(r => r.Item2), "benchmark");

        await using var services = new ServiceCollection().AddLogging().BuildServiceProvider();
        await using var renderer = new HtmlRenderer(services, NullLoggerFactory.Instance);
        // Written to a reused buffer, as a response stream would take it (no large string per render).
        var sink = new StringWriter();

        Console.WriteLine($"viewer-render: {Excerpts} excerpts × {TokensPerExcerpt} tokens × 2 rows = {rows.Length * TokensPerExcerpt} token spans; " +
                          $"{iterations} renders each after warm-up; HtmlRenderer (render tree + HTML), {Environment.ProcessorCount} cores");
        var cases = new (string Name, Func<RenderFragment> Fragment)[]
        {
            ("TokenHeatmap × 40 (loop per row)", () => Rows(rows, scale, perTokenComponents: false)),
            ("baseline: one component per token", () => Rows(rows, scale, perTokenComponents: true)),
            ("RealVsSimulated, stacked", () => b => { b.OpenComponent<RealVsSimulated>(0); b.AddComponentParameter(1, nameof(RealVsSimulated.Excerpts), excerpts); b.CloseComponent(); }),
            ("RealVsSimulated, overlay", () => b => { b.OpenComponent<RealVsSimulated>(0); b.AddComponentParameter(1, nameof(RealVsSimulated.Excerpts), excerpts); b.AddComponentParameter(2, nameof(RealVsSimulated.Overlay), true); b.CloseComponent(); }),
        };
        var results = new List<(string Name, double P50, double P95, int Chars)>();
        var gcBefore = GC.CollectionCount(2);
        // Interleave the cases round by round so machine noise hits all of them alike.
        var samples = cases.Select(_ => new List<double>()).ToArray();
        var sizes = new int[cases.Length];
        for (var round = -20; round < iterations; round++)
        {
            for (var c = 0; c < cases.Length; c++)
            {
                var fragment = cases[c].Fragment();
                var watch = Stopwatch.StartNew();
                sink.GetStringBuilder().Clear();
                await renderer.Dispatcher.InvokeAsync(async () =>
                {
                    var output = await renderer.RenderComponentAsync<FragmentHost>(ParameterView.FromDictionary(new Dictionary<string, object?> { ["Content"] = fragment }));
                    output.WriteHtmlTo(sink);
                });
                watch.Stop();
                if (round >= 0)
                    samples[c].Add(watch.Elapsed.TotalMilliseconds);
                sizes[c] = sink.GetStringBuilder().Length;
            }
        }
        for (var c = 0; c < cases.Length; c++)
        {
            var sorted = samples[c].Order().ToArray();
            results.Add((cases[c].Name, Percentile(sorted, 0.50), Percentile(sorted, 0.95), sizes[c]));
        }
        Console.WriteLine($"{"case",-38} {"p50 ms",8} {"p95 ms",8} {"HTML kB",8}");
        foreach (var r in results)
            Console.WriteLine($"{r.Name,-38} {r.P50,8:F2} {r.P95,8:F2} {r.Chars / 1024.0,8:F0}");
        Console.WriteLine($"gen-2 collections during the run: {GC.CollectionCount(2) - gcBefore}");
        Console.WriteLine($"ratio p50 per-token components / loop: {results[1].P50 / results[0].P50:F2}×");
        Console.WriteLine($"goal (issue 4): neuron-page p95 < 100 ms; RealVsSimulated p95 stacked {results[2].P95:F1} ms, overlay {results[3].P95:F1} ms");
        return 0;
    }

    private static RenderFragment Rows((IReadOnlyList<string> Tokens, IReadOnlyList<double> Values)[] rows, HeatScale scale, bool perTokenComponents) => b =>
    {
        foreach (var (tokens, values) in rows)
        {
            if (!perTokenComponents)
            {
                b.OpenComponent<TokenHeatmap>(0);
                b.AddComponentParameter(1, nameof(TokenHeatmap.Tokens), tokens);
                b.AddComponentParameter(2, nameof(TokenHeatmap.Values), values);
                b.AddComponentParameter(3, nameof(TokenHeatmap.Scale), scale);
                b.CloseComponent();
                continue;
            }
            b.OpenElement(4, "div");
            b.AddAttribute(5, "class", "nv-heatmap");
            for (var i = 0; i < tokens.Count; i++)
            {
                b.OpenComponent<TokenSpan>(6);
                b.AddComponentParameter(7, nameof(TokenSpan.Token), tokens[i]);
                b.AddComponentParameter(8, nameof(TokenSpan.Value), values[i]);
                b.AddComponentParameter(9, nameof(TokenSpan.Scale), scale);
                b.CloseComponent();
            }
            b.CloseElement();
        }
    };

    private static double Percentile(double[] sorted, double p) => sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];

    private static IReadOnlyList<SimulatedExcerpt> BuildExcerpts()
    {
        var random = new Random(42);
        string[] words = [" the", " cat", " sat", " on", " a", " mat", ",", " and", " dog", " ran", ".", "\n", " <b>", " house"];
        return Enumerable.Range(0, Excerpts).Select(e =>
        {
            var tokens = Enumerable.Range(0, TokensPerExcerpt).Select(_ => words[random.Next(words.Length)]).ToArray();
            var real = tokens.Select(_ => Math.Round(random.NextDouble() * 4 - 0.2, 3)).ToArray();
            var simulated = tokens.Select(_ => (double)random.Next(11)).ToArray();
            var simulation = new SequenceSimulation(tokens, simulated, ActivationScale.SimulatedNormalizedActivations, [], []);
            return new SimulatedExcerpt { Real = new ActivationRecord(tokens, real), Simulation = simulation, Correlation = 0.5, GroupLabel = e < 10 ? "Top" : "Random" };
        }).ToArray();
    }

    /// <summary>Renders a fragment (so every case goes through the same root component).</summary>
    private sealed class FragmentHost : ComponentBase
    {
        [Parameter] public RenderFragment? Content { get; set; }

        protected override void BuildRenderTree(RenderTreeBuilder builder) => builder.AddContent(0, Content);
    }

    /// <summary>The baseline: one component per token, the same markup as the loop.</summary>
    private sealed class TokenSpan : ComponentBase
    {
        [Parameter] public string Token { get; set; } = "";

        [Parameter] public double Value { get; set; }

        [Parameter] public HeatScale Scale { get; set; } = HeatScale.Unit("");

        protected override void BuildRenderTree(RenderTreeBuilder builder) =>
            HeatmapRenderer.Token(builder, Token, Value, Scale, HeatPalette.Activation, "Activation");
    }
}
