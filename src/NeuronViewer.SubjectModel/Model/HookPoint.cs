using System.Globalization;
using System.Text.RegularExpressions;

namespace NeuronViewer.SubjectModel.Model;

/// <summary>Where in a block a hook point sits, in forward order.</summary>
public enum HookKind
{
    /// <summary><c>blocks.{L}.hook_resid_pre</c>: the residual stream entering block L.</summary>
    ResidPre = 0,

    /// <summary><c>blocks.{L}.hook_resid_mid</c>: the residual after attention, before the MLP.</summary>
    ResidMid = 1,

    /// <summary><c>blocks.{L}.mlp.hook_pre</c>: MLP pre-activations (before GELU).</summary>
    MlpPre = 2,

    /// <summary><c>blocks.{L}.mlp.hook_post</c>: MLP post-GELU activations, the neurons.</summary>
    MlpPost = 3,

    /// <summary><c>blocks.{L}.hook_resid_post</c>: the residual leaving block L.</summary>
    ResidPost = 4,

    /// <summary><c>ln_final.hook_normalized</c>: the final LayerNorm's output (layer is the layer count).</summary>
    LnFinal = 5,
}

/// <summary>A TransformerLens-style named point in the forward pass whose value can be read or replaced.</summary>
public readonly partial record struct HookPoint(int Layer, HookKind Kind)
{
    public static HookPoint MlpPost(int layer) => new(layer, HookKind.MlpPost);

    public static HookPoint LnFinal(int layers) => new(layers, HookKind.LnFinal);

    /// <summary>The position of this point in forward order (smaller runs earlier).</summary>
    internal int Order => Kind == HookKind.LnFinal ? Layer * 5 : Layer * 5 + (int)Kind;

    public string Name => Kind switch
    {
        HookKind.ResidPre => $"blocks.{Layer}.hook_resid_pre",
        HookKind.ResidMid => $"blocks.{Layer}.hook_resid_mid",
        HookKind.MlpPre => $"blocks.{Layer}.mlp.hook_pre",
        HookKind.MlpPost => $"blocks.{Layer}.mlp.hook_post",
        HookKind.ResidPost => $"blocks.{Layer}.hook_resid_post",
        _ => "ln_final.hook_normalized",
    };

    public override string ToString() => Name;

    /// <summary>Parses a hook name for a model with <paramref name="layers"/> blocks; throws ArgumentException naming the problem.</summary>
    public static HookPoint Parse(string name, int layers)
    {
        if (name == "ln_final.hook_normalized") return LnFinal(layers);
        var m = NamePattern().Match(name);
        if (!m.Success)
            throw new ArgumentException($"Unknown hook point '{name}'; expected blocks.{{L}}.(hook_resid_pre|hook_resid_mid|mlp.hook_pre|mlp.hook_post|hook_resid_post) or ln_final.hook_normalized.");
        int layer = int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
        if (layer >= layers)
            throw new ArgumentException($"Hook point '{name}' names layer {layer}, but the model has layers 0-{layers - 1}.");
        var kind = m.Groups[2].Value switch
        {
            "hook_resid_pre" => HookKind.ResidPre,
            "hook_resid_mid" => HookKind.ResidMid,
            "mlp.hook_pre" => HookKind.MlpPre,
            "mlp.hook_post" => HookKind.MlpPost,
            _ => HookKind.ResidPost,
        };
        return new HookPoint(layer, kind);
    }

    [GeneratedRegex(@"^blocks\.(\d{1,4})\.(hook_resid_pre|hook_resid_mid|mlp\.hook_pre|mlp\.hook_post|hook_resid_post)$")]
    private static partial Regex NamePattern();
}
