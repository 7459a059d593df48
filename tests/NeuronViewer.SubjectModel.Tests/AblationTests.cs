using NeuronViewer.Core.Ablation;
using NeuronViewer.Core.Records;
using NeuronViewer.SubjectModel.Ablation;
using NeuronViewer.SubjectModel.Checkpoints;
using NeuronViewer.SubjectModel.Corpus;
using NeuronViewer.SubjectModel.Model;
using NeuronViewer.SubjectModel.Tokenization;
using TorchSharp;
using static TorchSharp.torch;

namespace NeuronViewer.SubjectModel.Tests;

/// <summary>Ablation passes with the real bundled model over real text: perfect, constant and shuffled simulations; batching; sharing.</summary>
public sealed class AblationTests : IClassFixture<AblationTests.BundledExcerpts>
{
    private static readonly NeuronId Neuron = new(2, 37);
    private readonly BundledExcerpts data;

    public AblationTests(BundledExcerpts data) => this.data = data;

    /// <summary>The bundled model, six Brown-corpus excerpts of different lengths, and the neuron's real activations on each (run alone).</summary>
    public sealed class BundledExcerpts : IDisposable
    {
        public BundledExcerpts()
        {
            Model = CheckpointLoader.Load("bundled");
            var text = string.Join(" ", TextCorpus.Open("bundled").Documents().Skip(3).First().Split(' ').Take(400));
            var ids = Gpt2Tokenizer.Shared.Encode(text);
            int[] lengths = [20, 40, 12, 33, 40, 17];
            var at = 0;
            Excerpts = lengths.Select(l => ids[(at += l + 3)..(at + l)]).ToArray();
            using var _ = inference_mode();
            Real = Excerpts.Select(e => Model.MlpActivations(tensor(e.Select(i => (long)i).ToArray()), [Neuron.LayerIndex])[0][0, .., Neuron.NeuronIndex]
                .data<float>().Select(v => (double)v).ToArray()).ToArray();
            Mean = Real.SelectMany(r => r).Average();
        }

        public Gpt2Model Model { get; }

        public int[][] Excerpts { get; }

        public double[][] Real { get; }

        public double Mean { get; }

        public void Dispose() => Model.Dispose();
    }

    private AblationPasses Run(params IReadOnlyList<double>?[][] simulations) =>
        new NeuronAblator(data.Model, batchSize: 4).Run(new AblationRequest(Neuron, data.Excerpts, data.Mean, simulations));

    private static AblationResult Score(AblationPasses passes, int simulation) =>
        AblationScoring.Score(passes.Simulated[simulation].Select(d => (IReadOnlyList<double>)d!).ToList(), passes.MeanAblated.Select(d => (IReadOnlyList<double>)d).ToList(), DivergenceKind.Jsd);

    [Fact]
    public void Real_activations_score_one_the_mean_scores_zero_and_a_shuffle_scores_below_the_real_ones()
    {
        var constant = data.Real.Select(r => (IReadOnlyList<double>?)r.Select(_ => data.Mean).ToArray()).ToArray();
        // Each excerpt's activations reversed: the same values at the wrong positions.
        var shuffled = data.Real.Select(r => (IReadOnlyList<double>?)r.Reverse().ToArray()).ToArray();
        var passes = Run(data.Real, constant, shuffled);

        var real = Score(passes, 0);
        Assert.True(real.DMeanAblated > 100 * AblationScoring.NullThreshold, $"mean-ablation moves the output: {real.DMeanAblated}");
        Assert.Equal(1.0, real.Score!.Value, tolerance: 1e-6);
        Assert.Equal(0.0, Score(passes, 1).Score!.Value, tolerance: 1e-9);
        var shuffle = Score(passes, 2);
        Assert.True(shuffle.Score < real.Score - 0.05, $"shuffled {shuffle.Score} should score clearly below real {real.Score}");
        Assert.Equal(data.Excerpts.Sum(e => e.Length), real.Positions);
        Assert.All(passes.MeanAblated.SelectMany(d => d), d => Assert.InRange(d, 0, Math.Log(2)));
    }

    [Fact]
    public void Failed_simulations_are_skipped_not_zero_filled_and_batching_does_not_change_the_divergences()
    {
        var partial = data.Real.Select((r, i) => i == 2 ? null : (IReadOnlyList<double>?)r.Select(v => v * 0.5).ToArray()).ToArray();
        var batched = Run(partial);
        Assert.Null(batched.Simulated[0][2]);
        Assert.All(Enumerable.Range(0, 6).Where(i => i != 2), i => Assert.Equal(data.Excerpts[i].Length, batched.Simulated[0][i]!.Length));
        var single = new NeuronAblator(data.Model, batchSize: 1).Run(new AblationRequest(Neuron, data.Excerpts, data.Mean, [partial]));
        for (var i = 0; i < data.Excerpts.Length; i++)
        {
            for (var t = 0; t < data.Excerpts[i].Length; t++)
                Assert.Equal(single.MeanAblated[i][t], batched.MeanAblated[i][t], tolerance: 1e-9 + (1e-3 * single.MeanAblated[i][t]));
        }
    }

    [Fact]
    public void Sharing_the_original_and_mean_passes_gives_the_same_divergences_for_fewer_passes()
    {
        var half = data.Real.Select(r => (IReadOnlyList<double>?)r.Select(v => v * 0.5).ToArray()).ToArray();
        var shared = Run(data.Real, half);
        var alone = Run(half);
        Assert.Equal(alone.Simulated[0].SelectMany(d => d!), shared.Simulated[1].SelectMany(d => d!));
        Assert.Equal(alone.MeanAblated.SelectMany(d => d), shared.MeanAblated.SelectMany(d => d));
        var n = data.Excerpts.Length;
        Assert.Equal((2 + 2) * n, shared.Cost.ExcerptPasses);
        Assert.Equal(3 * n, alone.Cost.ExcerptPasses);
        Assert.Equal(4 * data.Excerpts.Sum(e => e.Length), shared.Cost.Tokens);
        Assert.Equal(4 * 2, shared.Cost.BatchedForwards);
    }

    [Fact]
    public void Replacing_the_neuron_in_a_padded_batch_changes_only_that_neuron()
    {
        using var _ = inference_mode();
        var ids = tensor(data.Excerpts[1].Concat(data.Excerpts[4]).Select(i => (long)i).ToArray(), [2, 40]);
        var values = rand(2, 40) * 3;
        var names = Enumerable.Range(0, Neuron.LayerIndex + 1).Select(l => HookPoint.MlpPost(l).Name).ToList();
        var before = data.Model.RunWithCache(ids, names);
        var after = data.Model.RunWithCache(ids, names, [NeuronIntervention.Replace(Neuron, values)]);
        for (var l = 0; l < Neuron.LayerIndex; l++)
            Assert.Equal(0f, (before[names[l]] - after[names[l]]).abs().max().item<float>());
        var layer = names[Neuron.LayerIndex];
        Assert.Equal(0f, (after[layer][.., .., Neuron.NeuronIndex] - values).abs().max().item<float>());
        var others = tensor(Enumerable.Range(0, 512).Where(i => i != Neuron.NeuronIndex).Select(i => (long)i).ToArray());
        Assert.Equal(0f, (before[layer].index_select(2, others) - after[layer].index_select(2, others)).abs().max().item<float>());
        Assert.True((before[layer][.., .., Neuron.NeuronIndex] - values).abs().max().item<float>() > 0.1f);
    }

    [Fact]
    public void Tensor_divergences_agree_with_cores_on_real_logits()
    {
        using var _ = inference_mode();
        var ids = tensor(data.Excerpts[2].Select(i => (long)i).ToArray());
        using var original = data.Model.Logits(ids)[0];
        using var ablated = data.Model.RunWithInterventions(ids, [NeuronIntervention.Pin(Neuron, 4.0)])[0];
        var logP = original.to_type(ScalarType.Float64).log_softmax(-1);
        var logQ = ablated.to_type(ScalarType.Float64).log_softmax(-1);
        foreach (var kind in new[] { DivergenceKind.Jsd, DivergenceKind.Kl })
        {
            var onTensors = TensorDivergences.PerPosition(original, ablated, kind);
            Assert.Equal(data.Excerpts[2].Length, onTensors.Length);
            for (var t = 0; t < onTensors.Length; t++)
            {
                var core = Divergences.Of(kind, logP[t].data<double>().ToArray(), logQ[t].data<double>().ToArray());
                Assert.Equal(core, onTensors[t], tolerance: 1e-12 + (1e-9 * core));
            }
            Assert.True(onTensors.Max() > 1e-6, "pinning a neuron at 4 moves the output");
            Assert.All(TensorDivergences.PerPosition(original, original, kind), d => Assert.Equal(0, d, tolerance: 1e-14));
        }
    }

    [Fact]
    public void Tensor_jsd_keeps_a_divergence_at_the_null_threshold_accurate()
    {
        // ln Q = ln P + εg (renormalised): JSD ≈ ε²/8 · Var_P(g); with ε = 1e-4 that is near 1e-10, the null threshold.
        using var _ = inference_mode();
        var generator = new Generator(5);
        var logits = randn(new long[] { 3, 50257 }, ScalarType.Float64, generator: generator) * 3;
        var g = rand(new long[] { 3, 50257 }, ScalarType.Float64, generator: generator) - 0.5;
        const double eps = 1e-4;
        var jsd = TensorDivergences.PerPosition(logits, logits + (eps * g), DivergenceKind.Jsd);
        var p = logits.softmax(-1);
        var variance = (p * g * g).sum(-1) - (p * g).sum(-1).square();
        for (var t = 0; t < 3; t++)
            Assert.InRange(jsd[t] / (eps * eps / 8 * variance[t].item<double>()), 0.999, 1.001);
    }

    [Fact]
    public void Bad_requests_name_the_problem()
    {
        var ablator = new NeuronAblator(data.Model);
        var shortSim = data.Real.Select((r, i) => (IReadOnlyList<double>?)(i == 1 ? r[..5] : r)).ToArray();
        Assert.Contains("excerpt 1", Assert.Throws<ArgumentException>(() => ablator.Run(new AblationRequest(Neuron, data.Excerpts, data.Mean, [shortSim]))).Message);
        Assert.Contains("0-511", Assert.Throws<ArgumentException>(() => ablator.Run(new AblationRequest(new NeuronId(1, 512), data.Excerpts, 0, []))).Message);
        Assert.Contains("finite", Assert.Throws<ArgumentException>(() => ablator.Run(new AblationRequest(Neuron, data.Excerpts, double.NaN, []))).Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => new NeuronAblator(data.Model, 0));
    }
}
