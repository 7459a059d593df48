using TorchSharp;
using static TorchSharp.torch;

namespace NeuronViewer.SubjectModel.Model;

/// <summary>One transformer block's weights, Conv1D matrices kept in Hugging Face's [in, out] layout.</summary>
public sealed class Gpt2LayerWeights
{
    internal Gpt2LayerWeights(Func<string, long[], Tensor> make, int i, Gpt2Config c)
    {
        long e = c.ModelDim, m = c.MlpDim;
        Ln1Weight = make($"h.{i}.ln_1.weight", [e]);
        Ln1Bias = make($"h.{i}.ln_1.bias", [e]);
        AttnWeight = make($"h.{i}.attn.c_attn.weight", [e, 3 * e]);
        AttnBias = make($"h.{i}.attn.c_attn.bias", [3 * e]);
        AttnProjWeight = make($"h.{i}.attn.c_proj.weight", [e, e]);
        AttnProjBias = make($"h.{i}.attn.c_proj.bias", [e]);
        Ln2Weight = make($"h.{i}.ln_2.weight", [e]);
        Ln2Bias = make($"h.{i}.ln_2.bias", [e]);
        FcWeight = make($"h.{i}.mlp.c_fc.weight", [e, m]);
        FcBias = make($"h.{i}.mlp.c_fc.bias", [m]);
        ProjWeight = make($"h.{i}.mlp.c_proj.weight", [m, e]);
        ProjBias = make($"h.{i}.mlp.c_proj.bias", [e]);
    }

    public Tensor Ln1Weight { get; }
    public Tensor Ln1Bias { get; }
    public Tensor AttnWeight { get; }
    public Tensor AttnBias { get; }
    public Tensor AttnProjWeight { get; }
    public Tensor AttnProjBias { get; }
    public Tensor Ln2Weight { get; }
    public Tensor Ln2Bias { get; }

    /// <summary>W_in: residual → neurons, [d_model, d_mlp].</summary>
    public Tensor FcWeight { get; }
    public Tensor FcBias { get; }

    /// <summary>W_out: neurons → residual, [d_mlp, d_model].</summary>
    public Tensor ProjWeight { get; }
    public Tensor ProjBias { get; }
}

/// <summary>All weights of a GPT-2 model under their Hugging Face names (no <c>transformer.</c> prefix).</summary>
public sealed class Gpt2Weights : IDisposable
{
    private readonly List<(string Name, Tensor Tensor)> named = [];

    /// <summary>Creates every weight by calling <paramref name="make"/> with its HF name and expected shape.</summary>
    public Gpt2Weights(Gpt2Config config, Func<string, long[], Tensor> make)
    {
        Tensor Make(string name, long[] shape)
        {
            var t = make(name, shape);
            named.Add((name, t));
            return t;
        }

        Wte = Make("wte.weight", [config.VocabSize, config.ModelDim]);
        Wpe = Make("wpe.weight", [config.ContextLength, config.ModelDim]);
        Layers = Enumerable.Range(0, config.Layers).Select(i => new Gpt2LayerWeights(Make, i, config)).ToArray();
        LnFWeight = Make("ln_f.weight", [config.ModelDim]);
        LnFBias = Make("ln_f.bias", [config.ModelDim]);
    }

    /// <summary>Token embedding [vocab, d_model]; also the (tied) LM head.</summary>
    public Tensor Wte { get; }
    public Tensor Wpe { get; }
    public IReadOnlyList<Gpt2LayerWeights> Layers { get; }
    public Tensor LnFWeight { get; }
    public Tensor LnFBias { get; }

    /// <summary>Every weight with its HF name, in checkpoint order.</summary>
    public IReadOnlyList<(string Name, Tensor Tensor)> Named => named;

    /// <summary>The HF names and shapes a checkpoint of this config must hold.</summary>
    public static IReadOnlyDictionary<string, long[]> ExpectedShapes(Gpt2Config config)
    {
        var shapes = new Dictionary<string, long[]>(StringComparer.Ordinal);
        using var w = new Gpt2Weights(config, (name, shape) =>
        {
            shapes[name] = shape;
            return torch.empty(0);
        });
        return shapes;
    }

    public void Dispose()
    {
        foreach (var (_, t) in named) t.Dispose();
    }
}
