using System.Diagnostics;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Rendering;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using NeuronViewer.Benchmarks.Storage;
using NeuronViewer.Core.Records;
using NeuronViewer.Pipeline.Subject;
using NeuronViewer.Storage;
using NeuronViewer.Storage.Explanations;
using NeuronViewer.Storage.Runs;
using NeuronViewer.Storage.Scores;
using NeuronViewer.Web.Components.Pages.Neurons;
using NeuronViewer.Web.Neurons;

namespace NeuronViewer.Benchmarks;

/// <summary>
/// `pages`: (1) server time of a neuron page — loading its data from a real LiteDB file and rendering every pane to HTML —
/// with 20 evaluated excerpts × 64 tokens × 2 rows (real, simulated), stacked and overlaid; (2) the neuron browser's query
/// (URL parameters → filter → page of 50 with the total) over N stored neurons. Arguments: --neurons 100000 --runs 60.
/// </summary>
public static class PagesBenchmark
{
    private static readonly NeuronId Neuron = new(3, 117);

    public static async Task<int> RunAsync(string[] args)
    {
        var neurons = Argument(args, "--neurons", 100_000);
        var runs = Argument(args, "--runs", 60);
        var root = Path.Combine(Path.GetTempPath(), "nv-pages-benchmark", Guid.NewGuid().ToString("N"));
        Console.WriteLine($"pages benchmark: {Environment.ProcessorCount} cores; {runs} runs per case after warm-up; goal (issue 4) p95 < 100 ms");
        try
        {
            using var store = NeuronViewerStore.Open(root);
            await NeuronPage(store, runs);
            Browser(store, neurons, runs);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
        return 0;
    }

    private static async Task NeuronPage(NeuronViewerStore store, int runs)
    {
        SeedPageNeuron(store);
        var configuration = new ConfigurationBuilder().Build();
        await using var services = new ServiceCollection()
            .AddLogging()
            .AddSingleton(store)
            .AddSingleton<IConfiguration>(configuration)
            .AddSingleton(Options.Create(new SubjectModelOptions()))
            .AddSingleton<SubjectModelHost>()
            .AddNeuronViewerPages()
            .AddSingleton<Microsoft.JSInterop.IJSRuntime, NoBrowser>()
            .BuildServiceProvider();
        var explorer = services.GetRequiredService<NeuronExplorer>();
        await using var renderer = new HtmlRenderer(services, NullLoggerFactory.Instance);
        var sink = new StringWriter();

        async Task<(double Load, double Render, int Chars)> Once(bool overlay)
        {
            var watch = Stopwatch.StartNew();
            // What the page loads itself (each pane's own loads run inside the render below).
            var overview = explorer.Overview(Neuron);
            var record = explorer.Record(Neuron);
            var candidates = explorer.Candidates(Neuron);
            var load = watch.Elapsed.TotalMilliseconds;
            RenderFragment page = b => Page(b, overview, record, candidates, overlay);
            sink.GetStringBuilder().Clear();
            await renderer.Dispatcher.InvokeAsync(async () =>
            {
                var output = await renderer.RenderComponentAsync<FragmentHost>(ParameterView.FromDictionary(new Dictionary<string, object?> { ["Content"] = page }));
                output.WriteHtmlTo(sink);
            });
            return (load, watch.Elapsed.TotalMilliseconds - load, sink.GetStringBuilder().Length);
        }

        // The related pane asks the subject model whether it collected this neuron: load it once before timing.
        await services.GetRequiredService<SubjectModelHost>().GetAsync();
        Console.WriteLine($"neuron page: 20 evaluated excerpts × 64 tokens × 2 rows (real, simulated; all shown) + 4 top, 2 random, 4 quantile excerpts; data from LiteDB, HTML by HtmlRenderer");
        Console.WriteLine($"{"case",-34} {"p50 ms",8} {"p95 ms",8} {"load p50",9} {"render p50",11} {"HTML kB",8}");
        foreach (var overlay in new[] { false, true })
        {
            for (var i = 0; i < 10; i++)
                await Once(overlay);
            var samples = new List<(double Load, double Render, int Chars)>();
            for (var i = 0; i < runs; i++)
                samples.Add(await Once(overlay));
            var totals = samples.Select(s => s.Load + s.Render).Order().ToArray();
            Console.WriteLine($"{(overlay ? "whole page, overlay" : "whole page, stacked"),-34} {Percentile(totals, 0.5),8:F1} {Percentile(totals, 0.95),8:F1} " +
                              $"{Percentile(samples.Select(s => s.Load).Order().ToArray(), 0.5),9:F1} {Percentile(samples.Select(s => s.Render).Order().ToArray(), 0.5),11:F1} {samples[^1].Chars / 1024.0,8:F0}");
        }
    }

    /// <summary>The neuron page's panes with the page's data, as NeuronPage renders them once its loads are done.</summary>
    private static void Page(RenderTreeBuilder b, NeuronOverview? overview, NeuronRecord? record, IReadOnlyList<CandidateExplanation> candidates, bool overlay)
    {
        b.OpenComponent<NeuronHeader>(0);
        b.AddComponentParameter(1, nameof(NeuronHeader.Neuron), Neuron);
        b.AddComponentParameter(2, nameof(NeuronHeader.Overview), Loadable<NeuronOverview?>.Ready(overview));
        b.CloseComponent();
        b.OpenComponent<NeuronViewer.Web.Components.Viewer.ExplanationList>(3);
        b.AddComponentParameter(4, "Explanations", candidates.Select(c => c.View).ToList());
        b.CloseComponent();
        b.OpenComponent<ExplanationDetails>(5);
        b.AddComponentParameter(6, nameof(ExplanationDetails.Candidate), candidates[0]);
        b.CloseComponent();
        b.OpenComponent<OverlayAwareSimulation>(7);
        b.AddComponentParameter(8, nameof(OverlayAwareSimulation.Candidate), candidates[0]);
        b.AddComponentParameter(9, nameof(OverlayAwareSimulation.Record), Loadable<NeuronRecord?>.Ready(record));
        b.AddComponentParameter(10, nameof(OverlayAwareSimulation.Overlay), overlay);
        b.CloseComponent();
        b.OpenComponent<TryTextPane>(11);
        b.AddComponentParameter(12, nameof(TryTextPane.Neuron), Neuron);
        b.CloseComponent();
        b.OpenComponent<ExamplesPane>(13);
        b.AddComponentParameter(14, nameof(ExamplesPane.Record), record!);
        b.CloseComponent();
        b.OpenComponent<RelatedPane>(15);
        b.AddComponentParameter(16, nameof(RelatedPane.Neuron), Neuron);
        b.AddComponentParameter(17, nameof(RelatedPane.Record), Loadable<NeuronRecord?>.Ready(record));
        b.AddComponentParameter(18, nameof(RelatedPane.Run), overview?.Run);
        b.AddComponentParameter(19, nameof(RelatedPane.OverviewReady), true);
        b.CloseComponent();
    }

    private static void Browser(NeuronViewerStore store, int neurons, int runs)
    {
        var data = new SyntheticData(1);
        var random = new Random(2);
        var perLayer = (neurons + 47) / 48;
        var watch = Stopwatch.StartNew();
        for (var start = 0; start < neurons; start += 1000)
        {
            store.Atomic(() =>
            {
                var batch = Enumerable.Range(start, Math.Min(1000, neurons - start)).Select(i => new NeuronId(i / perLayer, i % perLayer)).Where(n => n != Neuron).ToList();
                var ids = store.Explanations.AddMany(batch.Select((n, i) => new StoredExplanation { Neuron = n, Text = data.Explanation(start + i), Source = ExplanationSource.Explainer }));
                foreach (var id in ids)
                {
                    store.Scores.Save(new StoredScore { ExplanationId = id, Set = EvaluationSet.TopAndRandom, Simulation = Scored(random.NextDouble() * 2 - 1) });
                    store.Scores.Save(new StoredScore { ExplanationId = id, Set = EvaluationSet.RandomOnly, Simulation = Scored(random.NextDouble() * 2 - 1) });
                }
            });
        }
        Console.WriteLine($"browser: {store.Summaries.Count:N0} neurons stored through the Storage API in {watch.Elapsed.TotalSeconds:F0} s; a query = URL parameters → NeuronFilter → page of 50 + total");
        var cases = new (string Name, Dictionary<string, string> Url, int Skip)[]
        {
            ("all, by neuron, first page", new(), 0),
            ("all, by neuron, page at 50%", new(), neurons / 2),
            ("sort=-score", new() { ["sort"] = "-score" }, 0),
            ("layer=7&sort=-score", new() { ["layer"] = "7", ["sort"] = "-score" }, 0),
            ("min 0.2, max 0.9, sort=-max_activation", new() { ["min_score"] = "0.2", ["max_score"] = "0.9", ["sort"] = "-max_activation" }, 0),
            ("q=python&sort=-score, page 3", new() { ["q"] = "python", ["sort"] = "-score" }, 100),
            ("q=number year (any order)", new() { ["q"] = "number year" }, 0),
            ("q=\"end of a\" noun", new() { ["q"] = "\"end of a\" noun" }, 0),
            ("score=random_only&min_score=0.5&sort=score", new() { ["score"] = "random_only", ["min_score"] = "0.5", ["sort"] = "score" }, 0),
        };
        Console.WriteLine($"{"browser query",-44} {"p50 ms",8} {"p95 ms",8} {"matches",9}");
        foreach (var (name, url, skip) in cases)
        {
            NeuronViewer.Storage.Summaries.NeuronPage Query()
            {
                var (filter, problems) = NeuronFilter.Parse(n => url.GetValueOrDefault(n));
                if (problems.Count > 0)
                    throw new InvalidOperationException(problems[0].Message);
                return store.Summaries.Query(filter.ToQuery(skip, 50));
            }
            var total = Query().Total;
            var (p50, p95) = Measure.Percentiles(() => Query(), runs);
            Console.WriteLine($"{name,-44} {p50,8:F2} {p95,8:F2} {total,9:N0}");
        }
    }

    /// <summary>A neuron with a 64-token record and a best explanation scored on 20 excerpts (10 top, 10 random), one failed, and a second candidate.</summary>
    private static void SeedPageNeuron(NeuronViewerStore store)
    {
        var data = new SyntheticData(5);
        var record = data.Record(Neuron, fourDecimals: false);
        var run = store.Runs.Create(new CollectionRun { SubjectModel = "synthetic", ExcerptLength = 64 });
        store.Records.Save(run, record);
        var ids = store.Explanations.AddMany(new[] { "years and dates", "numbers in tables" }.Select(t => new StoredExplanation { Neuron = Neuron, Text = t, Source = ExplanationSource.Explainer }));
        var evaluated = record.MostPositiveActivationRecords.Take(10).Concat(record.RandomSample.Take(10)).ToList();
        foreach (var id in ids)
        {
            var sequences = evaluated.Select((r, i) => new ScoredSequenceSimulation(
                new SequenceSimulation(r.Tokens, r.Activations.Select(a => Math.Clamp(a * 2.5, 0, 10)).ToArray(), ActivationScale.NeuronActivations, [], []), r.Activations, 0.5)).ToList();
            store.Scores.Save(new StoredScore
            {
                ExplanationId = id, Set = EvaluationSet.TopAndRandom, Simulation = new ScoredSimulation(sequences, 0.5, 0.2, 0.1),
                Calibration = new CalibrationInfo { Method = "linear", Parameters = [0.4, 0.1], Records = 10 },
            });
        }
    }

    private static ScoredSimulation Scored(double score) => new(
        [new ScoredSequenceSimulation(new SequenceSimulation([" a", " b"], [1, 2], ActivationScale.NeuronActivations, [[1], [2]], [[1], [1]]), [0.5, 1.5], score)],
        score, null, null);

    private static double Percentile(double[] sorted, double p) => sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];

    private static int Argument(string[] args, string name, int fallback)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length && int.TryParse(args[at + 1], out var value) ? value : fallback;
    }

    /// <summary>The simulation pane with its stacked / overlay choice set from outside (the page keeps it as state).</summary>
    private sealed class OverlayAwareSimulation : ComponentBase
    {
        [Parameter] public CandidateExplanation? Candidate { get; set; }

        [Parameter] public Loadable<NeuronRecord?> Record { get; set; } = Loadable<NeuronRecord?>.Loading;

        [Parameter] public bool Overlay { get; set; }

        protected override void BuildRenderTree(RenderTreeBuilder builder)
        {
            builder.OpenComponent<SimulationPane>(0);
            builder.AddComponentParameter(1, nameof(SimulationPane.Candidate), Candidate);
            builder.AddComponentParameter(2, nameof(SimulationPane.Record), Record);
            builder.AddComponentParameter(3, nameof(SimulationPane.InitialOverlay), Overlay);
            builder.AddComponentParameter(4, nameof(SimulationPane.ExcerptsPerGroup), (int?)null);
            builder.CloseComponent();
        }
    }

    /// <summary>HTML rendering runs no JavaScript (charts draw in OnAfterRender, which it never calls); a call would be a bug.</summary>
    private sealed class NoBrowser : Microsoft.JSInterop.IJSRuntime
    {
        public ValueTask<TValue> InvokeAsync<TValue>(string identifier, object?[]? args) =>
            throw new InvalidOperationException($"JavaScript call '{identifier}' during HTML rendering.");

        public ValueTask<TValue> InvokeAsync<TValue>(string identifier, CancellationToken cancellationToken, object?[]? args) =>
            throw new InvalidOperationException($"JavaScript call '{identifier}' during HTML rendering.");
    }

    private sealed class FragmentHost : ComponentBase
    {
        [Parameter] public RenderFragment? Content { get; set; }

        protected override void BuildRenderTree(RenderTreeBuilder builder) => builder.AddContent(0, Content);
    }
}
