// NeuronViewer benchmarks: `dotnet run -c Release --project tests/NeuronViewer.Benchmarks -- <name> [args]`.
// Each benchmark registers itself with one line below.
using NeuronViewer.Benchmarks;

var benchmarks = new Dictionary<string, Func<string[], Task<int>>>(StringComparer.OrdinalIgnoreCase)
{
    ["viewer-render"] = ViewerRenderBenchmark.RunAsync,
    ["llm-throughput"] = async a => { await LlmThroughputBenchmark.RunAsync(a); return 0; },
    ["storage"] = NeuronViewer.Benchmarks.Storage.StorageBenchmark.RunAsync,
    ["collect"] = CollectBenchmark.RunAsync,
    ["collect-memory"] = CollectBenchmark.MemoryProbeAsync,
    ["pages"] = PagesBenchmark.RunAsync,
    ["ablation"] = AblationBenchmark.RunAsync,
    ["load"] = LoadBenchmark.RunAsync,
};

if (args.Length == 0 || !benchmarks.TryGetValue(args[0], out var run))
{
    Console.WriteLine($"NeuronViewer benchmarks: pass a benchmark name ({string.Join(", ", benchmarks.Keys)}).");
    return args.Length == 0 ? 0 : 2;
}
return await run(args[1..]);
