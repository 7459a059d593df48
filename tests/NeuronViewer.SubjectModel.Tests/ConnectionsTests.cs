using NeuronViewer.Core.Records;
using NeuronViewer.SubjectModel.Connections;
using NeuronViewer.SubjectModel.Tokenization;

namespace NeuronViewer.SubjectModel.Tests;

/// <summary>Weight-based token summaries, related neurons and token embeddings, checked against sums over the raw weights.</summary>
public class ConnectionsTests
{
    private static float[] Flat(TorchSharp.torch.Tensor t) => t.data<float>().ToArray();

    [Fact]
    public void Token_input_and_output_weights_are_the_direct_path_sums_over_the_weights()
    {
        using var model = Fixture.Load(prefixed: false);
        var summary = new NeuronConnections(model, Gpt2Tokenizer.Shared).TokenSummary(new NeuronId(1, 42), 5);
        int e = model.Config.ModelDim, m = model.Config.MlpDim;
        var wte = Flat(model.Weights.Wte);
        var fc = Flat(model.Weights.Layers[1].FcWeight);
        var g2 = Flat(model.Weights.Layers[1].Ln2Weight);
        var proj = Flat(model.Weights.Layers[1].ProjWeight);
        var gf = Flat(model.Weights.LnFWeight);
        double In(int t) => Enumerable.Range(0, e).Sum(i => (double)wte[t * e + i] * g2[i] * fc[i * m + 42]);
        double Out(int t) => Enumerable.Range(0, e).Sum(i => (double)proj[42 * e + i] * gf[i] * wte[t * e + i]);
        var inputs = Enumerable.Range(0, 1000).Select(t => (t, w: In(t))).ToList();
        var outputs = Enumerable.Range(0, 1000).Select(t => (t, w: Out(t))).ToList();
        void Check(TokensAndWeights got, IEnumerable<(int t, double w)> expected)
        {
            var top = expected.Take(5).ToList();
            Assert.Equal(top.Select(x => Gpt2Tokenizer.Shared.TokenString(x.t)), got.Tokens);
            for (int i = 0; i < 5; i++) Assert.Equal(top[i].w, got.Strengths[i], 1e-4);
        }
        Check(summary.InputPositive, inputs.OrderByDescending(x => x.w));
        Check(summary.InputNegative, inputs.OrderBy(x => x.w));
        Check(summary.OutputPositive, outputs.OrderByDescending(x => x.w));
        Check(summary.OutputNegative, outputs.OrderBy(x => x.w));
    }

    [Fact]
    public void Related_neurons_are_ranked_by_neuron_to_neuron_virtual_weights()
    {
        using var model = Fixture.Load(prefixed: true);
        var c = new NeuronConnections(model, Gpt2Tokenizer.Shared);
        int e = model.Config.ModelDim, m = model.Config.MlpDim;
        var proj0 = Flat(model.Weights.Layers[0].ProjWeight);
        var fc1 = Flat(model.Weights.Layers[1].FcWeight);
        var g21 = Flat(model.Weights.Layers[1].Ln2Weight);
        double W(int n1, int n2) => Enumerable.Range(0, e).Sum(i => (double)proj0[n1 * e + i] * g21[i] * fc1[i * m + n2]);

        var up = c.Related(new NeuronId(1, 9), 4);
        var expectedUp = Enumerable.Range(0, m).OrderByDescending(n => W(n, 9)).Take(4).ToList();
        Assert.Equal(expectedUp.Select(n => new NeuronId(0, n)), up.UpstreamPositive.Select(x => x.Neuron));
        Assert.Equal(W(expectedUp[0], 9), up.UpstreamPositive[0].Weight, 1e-4);
        Assert.Equal(Enumerable.Range(0, m).OrderBy(n => W(n, 9)).First(), up.UpstreamNegative[0].Neuron.NeuronIndex);
        Assert.Empty(up.DownstreamPositive);

        var down = c.Related(new NeuronId(0, 9), 4);
        Assert.Equal(Enumerable.Range(0, m).OrderByDescending(n => W(9, n)).Take(4).Select(n => new NeuronId(1, n)), down.DownstreamPositive.Select(x => x.Neuron));
        Assert.Empty(down.UpstreamNegative);
        Assert.Throws<ArgumentException>(() => c.Related(new NeuronId(2, 0)));
    }

    [Fact]
    public void Token_embeddings_are_unit_length_rows_of_wte_found_by_token_string()
    {
        using var model = Fixture.Load(prefixed: false);
        var emb = new TokenEmbeddings(model, Gpt2Tokenizer.Shared);
        var id = Gpt2Tokenizer.Shared.Encode(" the").Single();
        Assert.True(id < 1000);
        var v = emb.Vector(" the")!;
        Assert.Equal(1.0, Math.Sqrt(v.Sum(x => (double)x * x)), 1e-5);
        var row = Flat(model.Weights.Wte[id]);
        double norm = Math.Sqrt(row.Sum(x => (double)x * x));
        for (int i = 0; i < v.Length; i++) Assert.Equal(row[i] / norm, v[i], 1e-6);
        Assert.Null(emb.Vector(" the cat"));
        Assert.Null(emb.Vector(" Zyzzyva"));
    }
}
