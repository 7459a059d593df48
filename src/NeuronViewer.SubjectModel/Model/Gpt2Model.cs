using NeuronViewer.Core.Records;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace NeuronViewer.SubjectModel.Model;

/// <summary>The subject model: Hugging Face GPT-2's eval forward in TorchSharp, with TransformerLens-style hook points.</summary>
public sealed class Gpt2Model : IDisposable
{
    private const int LogitsOrder = int.MaxValue;

    public Gpt2Model(Gpt2Config config, Gpt2Weights weights, Device device, string source)
    {
        Config = config;
        Weights = weights;
        Device = device;
        Source = source;
    }

    public Gpt2Config Config { get; }

    public Gpt2Weights Weights { get; }

    public Device Device { get; }

    /// <summary>Where the weights came from (a folder path, or "bundled").</summary>
    public string Source { get; }

    /// <summary>How far the last forward pass went (hook order reached, and whether logits were computed); for tests.</summary>
    internal (int LastOrder, bool Logits) LastTrace { get; private set; }

    /// <summary>Logits [batch, position, vocab] for token ids [batch, position] (or [position]).</summary>
    public Tensor Logits(Tensor ids) => Forward(ids, null, null, LogitsOrder)!;

    /// <summary>Runs with the neurons replaced as given and returns the logits [batch, position, vocab].</summary>
    public Tensor RunWithInterventions(Tensor ids, IReadOnlyList<NeuronIntervention> interventions) =>
        Forward(ids, InterventionHooks(interventions), null, LogitsOrder)!;

    /// <summary>
    /// Logits [batch, position, vocab], and the state entering layer <paramref name="layer"/>'s MLP, from which
    /// <see cref="ResumeWithInterventions"/> reruns only what a change to that layer's neurons can affect.
    /// </summary>
    public Tensor LogitsKeepingMlpInput(Tensor ids, int layer, out MlpInput state)
    {
        if (layer < 0 || layer >= Config.Layers)
            throw new ArgumentException($"Layer {layer} is not in the model (layers 0-{Config.Layers - 1}).");
        var mid = new HookPoint(layer, HookKind.ResidMid).Order;
        var pre = new HookPoint(layer, HookKind.MlpPre).Order;
        var cache = new Dictionary<int, Tensor>();
        var logits = Forward(ids, null, ([mid, pre], cache), LogitsOrder)!;
        state = new MlpInput(layer, cache[mid], cache[pre]);
        return logits;
    }

    /// <summary>The logits of a pass that starts at <paramref name="state"/>'s MLP with the neurons replaced as given (none before that layer).</summary>
    public Tensor ResumeWithInterventions(MlpInput state, IReadOnlyList<NeuronIntervention> interventions)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (interventions.FirstOrDefault(i => i.Neuron.LayerIndex < state.Layer) is { } early)
            throw new ArgumentException($"Intervention on neuron {early.Neuron} comes before layer {state.Layer}, where this pass starts.");
        return Forward(null, InterventionHooks(interventions), null, LogitsOrder, start: state)!;
    }

    /// <summary>Runs with arbitrary hooks (each returns the value to continue with) and returns the logits.</summary>
    public Tensor RunWithHooks(Tensor ids, IReadOnlyDictionary<string, Func<Tensor, Tensor>> hooks) =>
        Forward(ids, hooks.ToDictionary(h => HookPoint.Parse(h.Key, Config.Layers).Order, h => h.Value), null, LogitsOrder)!;

    /// <summary>Values at the named hook points (after any interventions); the forward stops after the last of them (no logits).</summary>
    public IReadOnlyDictionary<string, Tensor> RunWithCache(Tensor ids, IEnumerable<string> hookPoints, IReadOnlyList<NeuronIntervention>? interventions = null)
    {
        var points = hookPoints.Select(h => HookPoint.Parse(h, Config.Layers)).Distinct().ToList();
        if (points.Count == 0) throw new ArgumentException("Name at least one hook point to cache.");
        var cache = new Dictionary<int, Tensor>();
        Forward(ids, interventions is null ? null : InterventionHooks(interventions), (points.Select(p => p.Order).ToHashSet(), cache), points.Max(p => p.Order));
        return points.ToDictionary(p => p.Name, p => cache[p.Order]);
    }

    /// <summary>The neurons (post-GELU MLP activations, [batch, position, d_mlp]) of the given layers, in the order given; stops after the last.</summary>
    public Tensor[] MlpActivations(Tensor ids, IReadOnlyList<int> layers)
    {
        var names = layers.Select(l => HookPoint.MlpPost(l).Name).ToList();
        var cache = RunWithCache(ids, names);
        return names.Select(n => cache[n]).ToArray();
    }

    private Dictionary<int, Func<Tensor, Tensor>> InterventionHooks(IReadOnlyList<NeuronIntervention> interventions)
    {
        var hooks = new Dictionary<int, Func<Tensor, Tensor>>();
        foreach (var group in interventions.GroupBy(i => i.Neuron.LayerIndex))
        {
            if (group.Key < 0 || group.Key >= Config.Layers)
                throw new ArgumentException($"Intervention on layer {group.Key}, but the model has layers 0-{Config.Layers - 1}.");
            var list = group.ToList();
            foreach (var i in list)
                if (i.Neuron.NeuronIndex < 0 || i.Neuron.NeuronIndex >= Config.MlpDim)
                    throw new ArgumentException($"Intervention on neuron {i.Neuron}, but layers have neurons 0-{Config.MlpDim - 1}.");
            hooks[HookPoint.MlpPost(group.Key).Order] = post =>
            {
                var changed = post.clone();
                foreach (var i in list)
                {
                    var index = new[] { TensorIndex.Colon, TensorIndex.Colon, TensorIndex.Single(i.Neuron.NeuronIndex) };
                    if (i.Values is { } v)
                    {
                        if (v.dim() != 2 || v.shape[0] != post.shape[0] || v.shape[1] != post.shape[1])
                            throw new ArgumentException($"Intervention values for neuron {i.Neuron} have shape [{string.Join(",", v.shape)}]; expected [batch {post.shape[0]}, position {post.shape[1]}].");
                        changed.index_put_(v.to(ScalarType.Float32, post.device), index);
                    }
                    else
                    {
                        changed.index_put_(i.Constant!.Value, index);
                    }
                }
                return changed;
            };
        }
        return hooks;
    }

    /// <summary>The forward pass from token ids, or from <paramref name="start"/> (ids then unused). Stops after hook order <paramref name="stopOrder"/> (logits only when it is <see cref="LogitsOrder"/>).</summary>
    internal Tensor? Forward(Tensor? ids, IReadOnlyDictionary<int, Func<Tensor, Tensor>>? hooks,
        (HashSet<int> Orders, Dictionary<int, Tensor> Into)? cache, int stopOrder, double dropout = 0, MlpInput? start = null)
    {
        using var scope = NewDisposeScope();
        bool training = dropout > 0;
        var tokens = start is null ? PrepareIds(ids ?? throw new ArgumentNullException(nameof(ids))) : null;
        long b = start?.MlpPre.shape[0] ?? tokens!.shape[0], t = start?.MlpPre.shape[1] ?? tokens!.shape[1], e = Config.ModelDim;
        var w = Weights;
        int reached = -1;

        bool At(HookPoint p, ref Tensor value)
        {
            reached = p.Order;
            if (hooks is not null && hooks.TryGetValue(p.Order, out var hook)) value = hook(value);
            if (cache is { } c && c.Orders.Contains(p.Order)) c.Into[p.Order] = scope.MoveToOuter(value);
            return p.Order >= stopOrder;
        }

        // A resumed pass starts inside its first layer, at the MLP, from the stored residual and pre-activations.
        Tensor x = start?.ResidMid ?? w.Wte.index_select(0, tokens!.reshape(-1)).view(b, t, e) + w.Wpe.narrow(0, 0, t);
        if (training) x = F.dropout(x, dropout);
        for (int l = start?.Layer ?? 0; l < Config.Layers; l++)
        {
            var lw = w.Layers[l];
            Tensor pre;
            if (start is not null && l == start.Layer)
            {
                pre = start.MlpPre;
            }
            else
            {
                if (At(new HookPoint(l, HookKind.ResidPre), ref x)) return Done(null);
                var h = F.layer_norm(x, [e], lw.Ln1Weight, lw.Ln1Bias, Config.LayerNormEpsilon).view(b * t, e);
                var qkv = lw.AttnBias.addmm(h, lw.AttnWeight).view(b, t, 3, Config.Heads, Config.HeadDim).permute(2, 0, 3, 1, 4);
                var a = F.scaled_dot_product_attention(qkv[0], qkv[1], qkv[2], p: training ? dropout : 0, is_casual: true);
                var attn = lw.AttnProjBias.addmm(a.transpose(1, 2).reshape(b * t, e), lw.AttnProjWeight).view(b, t, e);
                x = x + (training ? F.dropout(attn, dropout) : attn);
                if (At(new HookPoint(l, HookKind.ResidMid), ref x)) return Done(null);
                h = F.layer_norm(x, [e], lw.Ln2Weight, lw.Ln2Bias, Config.LayerNormEpsilon).view(b * t, e);
                pre = lw.FcBias.addmm(h, lw.FcWeight).view(b, t, Config.MlpDim);
            }
            if (At(new HookPoint(l, HookKind.MlpPre), ref pre)) return Done(null);
            var post = F.gelu(pre, GELU.Approximate.tanh);
            if (At(new HookPoint(l, HookKind.MlpPost), ref post)) return Done(null);
            var mlp = lw.ProjBias.addmm(post.view(b * t, Config.MlpDim), lw.ProjWeight).view(b, t, e);
            x = x + (training ? F.dropout(mlp, dropout) : mlp);
            if (At(new HookPoint(l, HookKind.ResidPost), ref x)) return Done(null);
        }
        var y = F.layer_norm(x, [e], w.LnFWeight, w.LnFBias, Config.LayerNormEpsilon);
        if (At(HookPoint.LnFinal(Config.Layers), ref y)) return Done(null);
        return Done(scope.MoveToOuter(F.linear(y, w.Wte)));

        Tensor? Done(Tensor? logits)
        {
            LastTrace = (reached, logits is not null);
            return logits;
        }
    }

    private Tensor PrepareIds(Tensor ids)
    {
        var t = ids.dim() switch
        {
            1 => ids.unsqueeze(0),
            2 => ids,
            _ => throw new ArgumentException($"Token ids must have shape [batch, position] or [position], not [{string.Join(",", ids.shape)}]."),
        };
        if (t.shape[1] == 0) throw new ArgumentException("Token ids are empty.");
        if (t.shape[1] > Config.ContextLength)
            throw new ArgumentException($"{t.shape[1]} positions exceed the model's context of {Config.ContextLength}.");
        t = t.to(ScalarType.Int64, Device);
        long min = t.min().item<long>(), max = t.max().item<long>();
        if (min < 0 || max >= Config.VocabSize)
            throw new ArgumentException($"Token id {(min < 0 ? min : max)} is outside the vocabulary 0-{Config.VocabSize - 1}.");
        return t;
    }

    public void Dispose() => Weights.Dispose();
}
