using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using NeuronViewer.Core.Collection;
using NeuronViewer.SubjectModel;
using NeuronViewer.SubjectModel.Checkpoints;
using NeuronViewer.SubjectModel.Collection;
using NeuronViewer.SubjectModel.Corpus;
using NeuronViewer.SubjectModel.Model;
using TorchSharp;
using static TorchSharp.torch;

namespace NeuronViewer.Benchmarks;

/// <summary>
/// Collection throughput of our TorchSharp GPT-2 against a plain PyTorch script doing the same batched forward with a hook
/// on the MLP activations, side by side in one run; also as a fraction of the fp32 matmul peak measured in the same run,
/// end-to-end collection speed, and peak memory for 100k versus 1M corpus tokens.
/// Options: --seconds S (per forward measurement, default 20), --skip-memory, --threads N (default 2).
/// </summary>
public static class CollectBenchmark
{
    private const int Batch = 8, Tokens = 64;

    public static async Task<int> RunAsync(string[] args)
    {
        double seconds = Option(args, "--seconds", 20);
        int threads = (int)Option(args, "--threads", 2);
        torch.set_num_threads(threads);
        Console.WriteLine($"collect benchmark: {threads} threads, batch {Batch} x {Tokens} tokens, {seconds} s per forward measurement");
        Console.WriteLine($"BLAS settings for PyTorch: OPENBLAS_CORETYPE={Env("OPENBLAS_CORETYPE")}, OPENBLAS_L2_SIZE={Env("OPENBLAS_L2_SIZE")} (as found), and a second run with OPENBLAS_CORETYPE=Haswell");
        double peak = MatmulGflops();
        Console.WriteLine($"libtorch fp32 matmul 1024^3 peak: {peak:F1} GFLOPS");
        var rows = new List<string>();
        foreach (var (name, load, pyArgs, excerpts) in new (string, Func<Gpt2Model>, string, int)[]
        {
            ("bundled", () => CheckpointLoader.Load("bundled"), $"--model-dir {BundledAssets.ModelFolder}", 1000),
            ("gpt2-small-shape (random)", () => RandomGpt2.Create(RandomGpt2.SmallShape, 1), "--small", 80),
        })
        {
            using var model = load();
            double ours = ForwardTokensPerSecond(model, seconds);
            double flops = FlopsPerToken(model.Config);
            var pyAsFound = await PyTorch(pyArgs, seconds, threads, null);
            var pyHaswell = await PyTorch(pyArgs, seconds, threads, "Haswell");
            var (passes, total) = await CollectionTokensPerSecond(model, excerpts);
            peak = Math.Max(peak, MatmulGflops());
            double best = Math.Max(pyAsFound.Rate, pyHaswell.Rate);
            rows.Add(string.Create(CultureInfo.InvariantCulture,
                $"{name}: ours {ours:F0} tok/s forward ({ours * flops / peak / 1e9:P1} of the {peak:F0} GFLOPS peak) | PyTorch {pyAsFound.Rate:F0} tok/s (OPENBLAS vars unset, its matmul {pyAsFound.Gflops:F0} GFLOPS), {pyHaswell.Rate:F0} tok/s (OPENBLAS_CORETYPE=Haswell, {pyHaswell.Gflops:F0} GFLOPS) | ratio ours/best PyTorch {ours / best:F2} | collection passes (forward + streaming builder, batch 8) {passes:F0} tok/s = {passes / best:F2} x PyTorch forward; whole run over {excerpts} excerpts incl. pre-pass and building every record {total:F0} corpus tok/s"));
            Console.WriteLine(rows[^1]);
        }
        if (!args.Contains("--skip-memory"))
        {
            long small = await PeakMemoryKb(100_000), large = await PeakMemoryKb(1_000_000);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"peak memory, bundled model, all layers: {small / 1024.0:F0} MB for 100k corpus tokens, {large / 1024.0:F0} MB for 1M corpus tokens (ratio {(double)large / small:F2})"));
        }
        return 0;
    }

    /// <summary>Child process: collects over about N corpus tokens of the bundled corpus and prints its peak RSS (kB).</summary>
    public static async Task<int> MemoryProbeAsync(string[] args)
    {
        torch.set_num_threads((int)Option(args, "--threads", 2));
        long tokens = (long)Option(args, "--tokens", 100_000);
        using var model = CheckpointLoader.Load("bundled");
        var request = new CollectionRequest(model, TextCorpus.Open("bundled"), Enumerable.Range(0, model.Config.Layers).ToList(),
            new CollectionSettings(), MaxExcerpts: tokens / Tokens, BatchSize: 16);
        var info = await CollectionRunner.RunAsync(request, new CountingSink());
        var hwm = File.ReadLines("/proc/self/status").First(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        Console.WriteLine($"{info.Tokens} {hwm.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]}");
        return 0;
    }

    private static double ForwardTokensPerSecond(Gpt2Model model, double seconds)
    {
        var layers = Enumerable.Range(0, model.Config.Layers).ToList();
        var generator = new Generator(1);
        using var _ = inference_mode();
        Tensor Ids() => randint(0, model.Config.VocabSize, [Batch, Tokens], generator: generator);
        using (var warm = NewDisposeScope()) model.MlpActivations(Ids(), layers);
        long done = 0;
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed.TotalSeconds < seconds)
        {
            using var scope = NewDisposeScope();
            var acts = model.MlpActivations(Ids(), layers);
            if (acts.Length != layers.Count) throw new InvalidOperationException("missing activations");
            done += Batch * Tokens;
        }
        return done / watch.Elapsed.TotalSeconds;
    }

    /// <summary>Model tokens per second during the two passes (from the runner's own meter), and corpus tokens per second overall.</summary>
    private static async Task<(double Passes, double Total)> CollectionTokensPerSecond(Gpt2Model model, int excerpts)
    {
        var request = new CollectionRequest(model, TextCorpus.Open("bundled"), Enumerable.Range(0, model.Config.Layers).ToList(),
            new CollectionSettings(), MaxExcerpts: excerpts, BatchSize: Batch);
        CollectionProgress? last = null;
        var watch = Stopwatch.StartNew();
        var info = await CollectionRunner.RunAsync(request, new CountingSink(), new Reporter(p => { if (p.Stage.StartsWith("pass", StringComparison.Ordinal)) last = p; }));
        return (last?.TokensPerSecond ?? double.NaN, info.Tokens / watch.Elapsed.TotalSeconds);
    }

    private sealed class Reporter(Action<CollectionProgress> report) : IProgress<CollectionProgress>
    {
        public void Report(CollectionProgress value) => report(value);
    }

    /// <summary>Forward FLOPs per token up to the last layer's MLP activations: projections, causal attention, no logits.</summary>
    private static double FlopsPerToken(Gpt2Config c)
    {
        double e = c.ModelDim, m = c.MlpDim;
        return c.Layers * (2 * (4 * e * e + 2 * e * m) + 2 * Tokens * e) - 2 * e * m;
    }

    private static double MatmulGflops()
    {
        using var a = randn(1024, 1024);
        using var b = randn(1024, 1024);
        a.matmul(b).Dispose();
        double best = 0;
        for (int i = 0; i < 10; i++)
        {
            var w = Stopwatch.StartNew();
            a.matmul(b).Dispose();
            best = Math.Max(best, 2.0 * 1024 * 1024 * 1024 / w.Elapsed.TotalSeconds / 1e9);
        }
        return best;
    }

    private static async Task<(double Rate, double Gflops)> PyTorch(string modelArgs, double seconds, int threads, string? coretype)
    {
        var script = Path.Combine(AppContext.BaseDirectory, "python", "collect_forward.py");
        var psi = new ProcessStartInfo("/usr/bin/python3", $"{script} {modelArgs} --batch {Batch} --tokens {Tokens} --seconds {seconds} --threads {threads}")
        { RedirectStandardOutput = true, RedirectStandardError = true };
        if (coretype is null) { psi.Environment.Remove("OPENBLAS_CORETYPE"); psi.Environment.Remove("OPENBLAS_L2_SIZE"); }
        else psi.Environment["OPENBLAS_CORETYPE"] = coretype;
        using var p = Process.Start(psi)!;
        var output = await p.StandardOutput.ReadToEndAsync();
        var error = await p.StandardError.ReadToEndAsync();
        await p.WaitForExitAsync();
        if (p.ExitCode != 0) throw new InvalidOperationException($"PyTorch peer failed: {error}");
        using var doc = JsonDocument.Parse(output.Trim().Split('\n')[^1]);
        return (doc.RootElement.GetProperty("tokens_per_second").GetDouble(), doc.RootElement.GetProperty("matmul_gflops").GetDouble());
    }

    private static async Task<long> PeakMemoryKb(long tokens)
    {
        var psi = new ProcessStartInfo(Environment.ProcessPath!, $"{typeof(CollectBenchmark).Assembly.Location} collect-memory --tokens {tokens}")
        { RedirectStandardOutput = true };
        if (Path.GetFileNameWithoutExtension(Environment.ProcessPath) != "dotnet") psi = new ProcessStartInfo(Environment.ProcessPath!, $"collect-memory --tokens {tokens}") { RedirectStandardOutput = true };
        using var p = Process.Start(psi)!;
        var output = (await p.StandardOutput.ReadToEndAsync()).Trim().Split('\n')[^1].Split(' ');
        await p.WaitForExitAsync();
        Console.WriteLine($"  memory probe: {output[0]} corpus tokens collected, peak RSS {output[1]} kB");
        return long.Parse(output[1], CultureInfo.InvariantCulture);
    }

    private static double Option(string[] args, string name, double fallback)
    {
        int i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? double.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
    }

    private static string Env(string name) => Environment.GetEnvironmentVariable(name) ?? "(unset)";

    /// <summary>A sink that only counts neurons (the benchmark measures collection, not storage).</summary>
    private sealed class CountingSink : ICollectionSink
    {
        public int Neurons { get; private set; }

        public Task BeginAsync(CollectionInfo info, CancellationToken cancellationToken) => Task.CompletedTask;

        public Task WriteAsync(CollectedNeuron neuron, CancellationToken cancellationToken)
        {
            Neurons++;
            return Task.CompletedTask;
        }

        public Task CompleteAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task AbortAsync() => Task.CompletedTask;
    }
}
