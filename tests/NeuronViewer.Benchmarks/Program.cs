if (args.FirstOrDefault() == "storage") { await NeuronViewer.Benchmarks.Storage.StorageBenchmark.RunAsync(args[1..]); return; }
if (args.FirstOrDefault() == "llm-throughput") { await NeuronViewer.Benchmarks.LlmThroughputBenchmark.RunAsync(args[1..]); return; }
Console.WriteLine("NeuronViewer benchmarks: pass a benchmark name.");
