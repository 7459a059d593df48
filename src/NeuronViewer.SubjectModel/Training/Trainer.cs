using NeuronViewer.Core.Collection;
using NeuronViewer.SubjectModel.Model;
using TorchSharp;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace NeuronViewer.SubjectModel.Training;

/// <summary>Trains a GPT-2-architecture model from scratch on token streams (deterministic for a seed and thread count).</summary>
public static class Trainer
{
    /// <summary>Trains on <paramref name="train"/>, reports held-out loss on <paramref name="heldOut"/>; logs to <paramref name="log"/>.</summary>
    public static (Gpt2Model Model, TrainingReport Report) Train(int[] train, int[] heldOut, TrainingOptions o, TextWriter log, CancellationToken ct = default)
    {
        torch.set_num_threads(o.Threads);
        torch.manual_seed((long)(o.Seed & 0x7FFFFFFF));
        var c = o.Shape;
        var weights = new Gpt2Weights(c, (name, shape) => new TorchSharp.Modules.Parameter(Init(name, shape, c)));
        var model = new Gpt2Model(c, weights, CPU, "trained");
        var matrices = weights.Named.Where(w => w.Tensor.dim() == 2).Select(w => w.Tensor).ToList();
        var optimizer = optim.AdamW(weights.Named.Select(w => (TorchSharp.Modules.Parameter)w.Tensor), lr: o.LearningRate, beta1: 0.9, beta2: 0.95, weight_decay: 0);
        var rng = new SplitMix64(o.Seed);
        long blocks = (train.Length - 1) / o.SequenceLength;
        if (blocks < o.BatchSize) throw new ArgumentException($"The training split has {train.Length} tokens, too few for one batch of {o.BatchSize} × {o.SequenceLength}.");
        var order = new List<long>();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        double smoothed = double.NaN;
        for (int step = 0; step < o.Steps; step++)
        {
            ct.ThrowIfCancellationRequested();
            if (order.Count < o.BatchSize) order = NextEpoch(blocks, train.Length, o.SequenceLength, ref rng);
            var starts = order.GetRange(order.Count - o.BatchSize, o.BatchSize);
            order.RemoveRange(order.Count - o.BatchSize, o.BatchSize);
            double lr = o.LearningRateAt(step);
            foreach (var g in optimizer.ParamGroups) g.LearningRate = lr;
            using (var scope = NewDisposeScope())
            {
                var (x, y) = Batch(train, starts, o.SequenceLength);
                optimizer.zero_grad();
                var logits = model.Forward(x, null, null, int.MaxValue, o.Dropout)!;
                var loss = F.cross_entropy(logits.view(-1, c.VocabSize), y.view(-1));
                loss.backward();
                nn.utils.clip_grad_norm_(weights.Named.Select(w => (TorchSharp.Modules.Parameter)w.Tensor), 1.0);
                using (no_grad())
                    foreach (var m in matrices) m.mul_(1 - lr * o.WeightDecay);
                optimizer.step();
                double l = loss.item<float>();
                smoothed = double.IsNaN(smoothed) ? l : 0.98 * smoothed + 0.02 * l;
            }
            if ((step + 1) % 50 == 0 || step == o.Steps - 1)
            {
                double rate = (step + 1.0) * o.BatchSize * o.SequenceLength / clock.Elapsed.TotalSeconds;
                var eta = TimeSpan.FromSeconds((o.Steps - step - 1) * clock.Elapsed.TotalSeconds / (step + 1));
                log.WriteLine($"step {step + 1}/{o.Steps} loss {smoothed:F3} lr {lr:G3} {rate:F0} tok/s elapsed {clock.Elapsed:hh\\:mm\\:ss} eta {eta:hh\\:mm\\:ss}");
                log.Flush();
            }
        }
        foreach (var (_, t) in weights.Named) t.requires_grad_(false);
        var report = new TrainingReport(o.Steps, train.Length, heldOut.Length, (long)o.Steps * o.BatchSize * o.SequenceLength,
            smoothed, HeldOutLoss(model, heldOut, o.SequenceLength), UnigramLoss(train, heldOut, c.VocabSize),
            clock.Elapsed.TotalSeconds, o.Threads, o.Seed);
        return (model, report);
    }

    /// <summary>Mean next-token cross-entropy (nats) over non-overlapping blocks of a token stream.</summary>
    public static double HeldOutLoss(Gpt2Model model, int[] tokens, int sequenceLength)
    {
        using var _ = inference_mode();
        double total = 0;
        long count = 0;
        var starts = new List<long>();
        for (long s = 0; s + sequenceLength < tokens.Length; s += sequenceLength) starts.Add(s);
        foreach (var chunk in starts.Chunk(16))
        {
            using var scope = NewDisposeScope();
            var (x, y) = Batch(tokens, chunk, sequenceLength);
            var logits = model.Logits(x);
            total += F.cross_entropy(logits.view(-1, model.Config.VocabSize), y.view(-1), reduction: nn.Reduction.Sum).item<float>();
            count += y.numel();
        }
        return count == 0 ? double.NaN : total / count;
    }

    /// <summary>Cross-entropy (nats) of an add-one-smoothed unigram model of <paramref name="train"/> on <paramref name="heldOut"/>.</summary>
    public static double UnigramLoss(int[] train, int[] heldOut, int vocab)
    {
        var counts = new long[vocab];
        foreach (var t in train) counts[t]++;
        double denominator = train.Length + (double)vocab;
        return heldOut.Length == 0 ? double.NaN : heldOut.Average(t => -Math.Log((counts[t] + 1) / denominator));
    }

    private static List<long> NextEpoch(long blocks, int length, int seq, ref SplitMix64 rng)
    {
        long offset = rng.NextInt64(Math.Max(1, length - 1 - blocks * seq + 1));
        var order = new List<long>();
        for (long b = 0; b < blocks; b++) order.Add(offset + b * seq);
        rng.Shuffle(order);
        return order;
    }

    private static (Tensor X, Tensor Y) Batch(int[] tokens, IReadOnlyList<long> starts, int seq)
    {
        var x = new long[starts.Count * seq];
        var y = new long[starts.Count * seq];
        for (int b = 0; b < starts.Count; b++)
            for (int t = 0; t < seq; t++)
            {
                x[b * seq + t] = tokens[starts[b] + t];
                y[b * seq + t] = tokens[starts[b] + t + 1];
            }
        return (tensor(x).view(starts.Count, seq), tensor(y).view(starts.Count, seq));
    }

    private static Tensor Init(string name, long[] shape, Gpt2Config c)
    {
        if (name.EndsWith("ln_1.weight", StringComparison.Ordinal) || name.EndsWith("ln_2.weight", StringComparison.Ordinal) || name == "ln_f.weight")
            return ones(shape);
        if (shape.Length == 1) return zeros(shape);
        double std = name == "wpe.weight" ? 0.01 : name.EndsWith("c_proj.weight", StringComparison.Ordinal) ? 0.02 / Math.Sqrt(2 * c.Layers) : 0.02;
        return randn(shape) * std;
    }
}
