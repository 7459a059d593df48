using System.Diagnostics;
using System.Globalization;
using NeuronViewer.Core.Ablation;
using NeuronViewer.Core.Records;
using NeuronViewer.Explainers.Offline;
using NeuronViewer.Pipeline.Ablation;
using NeuronViewer.SubjectModel.Ablation;
using NeuronViewer.SubjectModel.Checkpoints;
using NeuronViewer.SubjectModel.Corpus;
using NeuronViewer.SubjectModel.Model;
using NeuronViewer.SubjectModel.Tokenization;
using TorchSharp;
using static TorchSharp.torch;

namespace NeuronViewer.Benchmarks;

/// <summary>
/// Ablation cost per neuron (issue 6): the valid split of one neuron (5 top + 5 random excerpts of 64 tokens, the paper's
/// n = 5) with 5 explanations, the original and mean-ablated passes shared by all 5 versus recomputed per explanation, on the
/// bundled model and on a GPT-2-small-shaped random model, alternated in one run. Also: the logits forwards alone, and the
/// offline simulator's simulate + calibrate step. Options: --repeats R (default 3), --threads N (default 2), --batch B (default 4).
/// </summary>
public static class AblationBenchmark
{
    private const int Excerpt = 64, Explanations = 5;

    public static Task<int> RunAsync(string[] args)
    {
        int repeats = (int)Option(args, "--repeats", 3), threads = (int)Option(args, "--threads", 2), batch = (int)Option(args, "--batch", 4);
        torch.set_num_threads(threads);
        Console.WriteLine($"ablation benchmark: {threads} threads, batch {batch}, {Explanations} explanations, valid split 5 top + 5 random excerpts x {Excerpt} tokens, {repeats} repeats alternating which mode runs first (best of each); allocator: {(Environment.GetEnvironmentVariable("LD_PRELOAD") ?? "").Contains("tcmalloc", StringComparison.Ordinal) switch { true => "tcmalloc", false => "glibc" }}");
        var ids = Gpt2Tokenizer.Shared.Encode(string.Join("\n", TextCorpus.Open("bundled").Documents().Take(3)));
        foreach (var (name, load) in new (string, Func<Gpt2Model>)[]
        {
            ("bundled (6 layers, d 128, 512 neurons)", () => CheckpointLoader.Load("bundled")),
            ("gpt2-small shape, random (12 layers, d 768, 3072 neurons)", () => RandomGpt2.Create(RandomGpt2.SmallShape, 1)),
        })
        {
            using var model = load();
            Measure(name, model, ids, repeats, batch);
        }
        return Task.FromResult(0);
    }

    private static void Measure(string name, Gpt2Model model, int[] ids, int repeats, int batch)
    {
        var neuron = new NeuronId(model.Config.Layers / 2, 37);
        // 35 excerpts: the top and random splits of a record with n = 5 (4 x 5 top, 3 x 5 random); the valid split is 10 of them.
        var excerpts = Enumerable.Range(0, 35).Select(i => ids[(i * (Excerpt + 7))..((i * (Excerpt + 7)) + Excerpt)]).ToArray();
        var record = Record(model, neuron, excerpts);
        var offline = Time(() => AblationScorer.PrepareAsync(record, [.. Enumerable.Range(0, Explanations).Select(k => $"the word ' {new[] { "the", "of", "and", "a", "in" }[k]}'")],
            new LexicalSimulator(), Gpt2Tokenizer.Shared, new AblationOptions { ExamplesPerSplit = 5 }).GetAwaiter().GetResult());
        var plan = offline.Result;
        var valid = plan.TokenIds.Select(t => t!).ToList();
        var real = plan.Records.Select(r => r.Activations.ToArray()).ToList();
        // Five synthetic calibrated simulations of decreasing quality (the simulator's cost is measured above, separately).
        var sims = Enumerable.Range(0, Explanations).Select(k => (IReadOnlyList<IReadOnlyList<double>?>)real
            .Select((r, i) => (IReadOnlyList<double>?)r.Select((v, t) => (v * (1 - (0.2 * k))) + (0.05 * k * Math.Sin(t + i))).ToArray()).ToList()).ToList();
        var ablator = new NeuronAblator(model, batch);
        var mean = plan.Mean.Value;
        (double Seconds, AblationCost Cost) shared = (double.MaxValue, AblationCost.None), alone = shared;
        double forwards = double.MaxValue;
        bool same = true;
        for (var r = 0; r < repeats; r++)
        {
            // Alternate which mode goes first, so a change in the machine's load does not favour one of them.
            (double Seconds, List<AblationPasses> Result) Alone() => Time(() => sims.Select(sim => ablator.Run(new AblationRequest(neuron, valid, mean, [sim]))).ToList());
            var a = r % 2 == 1 ? Alone() : default;
            var s = Time(() => ablator.Run(new AblationRequest(neuron, valid, mean, sims)));
            if (r % 2 == 0) a = Alone();
            forwards = Math.Min(forwards, Time(() => LogitsOnly(model, valid, batch)).Seconds);
            shared = s.Seconds < shared.Seconds ? (s.Seconds, s.Result.Cost) : shared;
            var aloneCost = a.Result.Aggregate(AblationCost.None, (sum, x) => sum + x.Cost);
            alone = a.Seconds < alone.Seconds ? (a.Seconds, aloneCost) : alone;
            same &= Enumerable.Range(0, Explanations).All(k => s.Result.Simulated[k].Zip(a.Result[k].Simulated[0]).All(p => p.First!.SequenceEqual(p.Second!)));
        }

        Console.WriteLine($"{name}, neuron {neuron}:");
        Console.WriteLine(Row("shared original+mean", shared.Seconds, shared.Cost));
        Console.WriteLine(Row("per explanation     ", alone.Seconds, alone.Cost));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  sharing saves {1 - (shared.Seconds / alone.Seconds):P0} of the time ({alone.Seconds / shared.Seconds:F2}x); identical divergences: {(same ? "yes" : "NO")}; one whole logits pass over the 10 excerpts alone {forwards:F2} s (the shared run adds ablated passes resumed at the neuron's layer, and float64 log-softmax and divergences over the {model.Config.VocabSize}-token vocabulary)"));
        var (whole, resumed) = WholeVersusResumed(model, neuron, valid, batch, mean, Math.Max(repeats, 3));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  one ablated pass over the 10 excerpts: whole forward {whole:F2} s vs resumed at layer {neuron.LayerIndex} of {model.Config.Layers} {resumed:F2} s ({whole / resumed:F2}x)"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  offline simulator, simulate + calibrate 5 explanations (calibration + valid splits, 20 excerpts each): {offline.Seconds:F2} s; per neuron in all (shared): {offline.Seconds + shared.Seconds:F1} s"));
    }

    private static string Row(string label, double seconds, AblationCost cost) => string.Create(CultureInfo.InvariantCulture,
        $"  {label}: {seconds,7:F2} s per neuron | {cost.ExcerptPasses,3} excerpt passes in {cost.BatchedForwards,3} batched forwards | {cost.Tokens,6:N0} tokens | {cost.Tokens / seconds,7:F0} tok/s");

    private static NeuronRecord Record(Gpt2Model model, NeuronId neuron, int[][] excerpts)
    {
        using var _ = inference_mode();
        var records = excerpts.Select(e => new ActivationRecord(Gpt2Tokenizer.Shared.TokenStrings(e),
            model.MlpActivations(tensor(e.Select(x => (long)x).ToArray()), [neuron.LayerIndex])[0][0, .., neuron.NeuronIndex]
                .data<float>().Select(v => (double)v).ToArray())).ToList();
        var top = records.OrderByDescending(r => r.MaxActivation).Take(20).ToList();
        return new NeuronRecord(neuron, records.Except(top).ToList(), null, null, records.SelectMany(r => r.Activations).Average(),
            double.NaN, double.NaN, double.NaN, top);
    }

    private static int LogitsOnly(Gpt2Model model, IReadOnlyList<int[]> excerpts, int batch)
    {
        using var _ = inference_mode();
        for (var s = 0; s < excerpts.Count; s += batch)
        {
            var rows = excerpts.Skip(s).Take(batch).ToArray();
            using var ids = tensor(rows.SelectMany(r => r).Select(x => (long)x).ToArray(), [rows.Length, Excerpt]);
            using var logits = model.Logits(ids);
        }
        return excerpts.Count;
    }

    /// <summary>Best time of one mean-ablated pass over the excerpts, run whole and resumed from the original pass's state, alternated.</summary>
    private static (double Whole, double Resumed) WholeVersusResumed(Gpt2Model model, NeuronId neuron, IReadOnlyList<int[]> excerpts, int batch, double mean, int repeats)
    {
        using var _ = inference_mode();
        var batches = new List<(Tensor Ids, MlpInput State)>();
        for (var s = 0; s < excerpts.Count; s += batch)
        {
            var rows = excerpts.Skip(s).Take(batch).ToArray();
            var ids = tensor(rows.SelectMany(r => r).Select(x => (long)x).ToArray(), [rows.Length, Excerpt]);
            model.LogitsKeepingMlpInput(ids, neuron.LayerIndex, out var state).Dispose();
            batches.Add((ids, state));
        }
        var pin = new[] { NeuronIntervention.Pin(neuron, mean) };
        double whole = double.MaxValue, resumed = double.MaxValue;
        for (var r = 0; r < repeats; r++)
        {
            double Whole() => Time(() => { foreach (var b in batches) model.RunWithInterventions(b.Ids, pin).Dispose(); return 0; }).Seconds;
            double Resumed() => Time(() => { foreach (var b in batches) model.ResumeWithInterventions(b.State, pin).Dispose(); return 0; }).Seconds;
            if (r % 2 == 0)
            {
                whole = Math.Min(whole, Whole());
                resumed = Math.Min(resumed, Resumed());
            }
            else
            {
                resumed = Math.Min(resumed, Resumed());
                whole = Math.Min(whole, Whole());
            }
        }
        foreach (var (ids, state) in batches)
        {
            ids.Dispose();
            state.Dispose();
        }
        return (whole, resumed);
    }

    private static (double Seconds, T Result) Time<T>(Func<T> work)
    {
        var clock = Stopwatch.StartNew();
        var result = work();
        return (clock.Elapsed.TotalSeconds, result);
    }

    private static double Option(string[] args, string name, double fallback)
    {
        int i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? double.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
    }
}
