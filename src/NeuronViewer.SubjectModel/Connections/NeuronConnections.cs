using NeuronViewer.Core.Records;
using NeuronViewer.SubjectModel.Model;
using NeuronViewer.SubjectModel.Tokenization;
using TorchSharp;
using static TorchSharp.torch;

namespace NeuronViewer.SubjectModel.Connections;

/// <summary>
/// Weight-based summaries of spec §10, computed from the weights on demand (direct-path virtual weights that ignore
/// LayerNorm centring and scale, attention and context): token→neuron input weights, neuron→token output weights,
/// and neuron→neuron weights to earlier and later layers.
/// </summary>
public sealed class NeuronConnections(Gpt2Model model, Gpt2Tokenizer tokenizer)
{
    /// <summary>Top tokens by input weight Σ wte[t,i]·g2[i]·W_in[i,n] and by output weight Σ W_out[n,i]·gf[i]·wte[t,i], both signs.</summary>
    public WeightBasedSummaryOfNeuron TokenSummary(NeuronId neuron, int count = 20)
    {
        Check(neuron);
        using var _ = inference_mode();
        using var scope = NewDisposeScope();
        var w = model.Weights;
        var layer = w.Layers[neuron.LayerIndex];
        var input = w.Wte.matmul(layer.FcWeight[.., neuron.NeuronIndex] * layer.Ln2Weight);
        var output = w.Wte.matmul(layer.ProjWeight[neuron.NeuronIndex] * w.LnFWeight);
        return new WeightBasedSummaryOfNeuron(Tokens(input, count, true), Tokens(input, count, false), Tokens(output, count, true), Tokens(output, count, false));
    }

    /// <summary>Neurons of earlier layers (upstream) and later layers (downstream) with the largest virtual weights to this one.</summary>
    public RelatedNeurons Related(NeuronId neuron, int count = 10)
    {
        Check(neuron);
        using var _ = inference_mode();
        using var scope = NewDisposeScope();
        var layers = model.Weights.Layers;
        var target = layers[neuron.LayerIndex];
        // Upstream: W_out^{l1}[n1, :] · (g2^{l2} ⊙ W_in^{l2}[:, n2]) for every l1 < l2.
        var into = target.FcWeight[.., neuron.NeuronIndex] * target.Ln2Weight;
        var up = Enumerable.Range(0, neuron.LayerIndex).Select(l => (l, layers[l].ProjWeight.matmul(into))).ToList();
        // Downstream: (W_out^{l1}[n1, :] ⊙ g2^{l2}) · W_in^{l2} for every l2 > l1.
        var from = target.ProjWeight[neuron.NeuronIndex];
        var down = Enumerable.Range(neuron.LayerIndex + 1, model.Config.Layers - neuron.LayerIndex - 1)
            .Select(l => (l, (from * layers[l].Ln2Weight).matmul(layers[l].FcWeight))).ToList();
        return new RelatedNeurons(neuron, Neurons(up, count, true), Neurons(up, count, false), Neurons(down, count, true), Neurons(down, count, false));
    }

    private TokensAndWeights Tokens(Tensor weights, int count, bool positive)
    {
        int vocab = (int)Math.Min(weights.shape[0], tokenizer.VocabularySize);
        var (values, indices) = (positive ? weights[..vocab] : -weights[..vocab]).topk(Math.Min(count, vocab));
        var ids = indices.data<long>().ToArray();
        var strengths = values.data<float>().Select(v => positive ? (double)v : -(double)v).ToList();
        return new TokensAndWeights(ids.Select(i => tokenizer.TokenString((int)i)).ToList(), strengths);
    }

    private static List<NeuronConnection> Neurons(List<(int Layer, Tensor Weights)> perLayer, int count, bool positive)
    {
        if (perLayer.Count == 0) return [];
        var all = cat(perLayer.Select(p => p.Weights).ToList(), 0);
        int width = (int)perLayer[0].Weights.shape[0];
        var (values, indices) = (positive ? all : -all).topk(Math.Min(count, (int)all.shape[0]));
        var ids = indices.data<long>().ToArray();
        var v = values.data<float>().ToArray();
        return ids.Select((i, k) => new NeuronConnection(new NeuronId(perLayer[(int)(i / width)].Layer, (int)(i % width)), positive ? v[k] : -v[k])).ToList();
    }

    private void Check(NeuronId n)
    {
        if (n.LayerIndex < 0 || n.LayerIndex >= model.Config.Layers)
            throw new ArgumentException($"Layer {n.LayerIndex} is out of range: the model has layers 0-{model.Config.Layers - 1}.");
        if (n.NeuronIndex < 0 || n.NeuronIndex >= model.Config.MlpDim)
            throw new ArgumentException($"Neuron {n.NeuronIndex} is out of range: layers have neurons 0-{model.Config.MlpDim - 1}.");
    }
}
