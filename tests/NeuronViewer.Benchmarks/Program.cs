using NeuronViewer.Benchmarks;

// Each benchmark is an entry here: `dotnet run -c Release --project tests/NeuronViewer.Benchmarks -- <name> [options]`.
var benchmarks = new Dictionary<string, Func<string[], Task<int>>>(StringComparer.Ordinal)
{
    ["collect"] = CollectBenchmark.RunAsync,
    ["collect-memory"] = CollectBenchmark.MemoryProbeAsync,
};
if (args.Length == 0 || !benchmarks.TryGetValue(args[0], out var run))
{
    Console.WriteLine($"NeuronViewer benchmarks: pass a benchmark name ({string.Join(", ", benchmarks.Keys)}).");
    return args.Length == 0 ? 0 : 2;
}
return await run(args[1..]);
