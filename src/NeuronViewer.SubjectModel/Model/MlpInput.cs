using static TorchSharp.torch;

namespace NeuronViewer.SubjectModel.Model;

/// <summary>
/// What enters one layer's MLP in a forward pass: the residual after attention and the MLP pre-activations ([batch,
/// position, …]). Everything before them is unchanged by an intervention on that layer's neurons, so a pass can resume here.
/// </summary>
public sealed class MlpInput(int layer, Tensor residMid, Tensor mlpPre) : IDisposable
{
    /// <summary>The layer whose MLP the state enters.</summary>
    public int Layer { get; } = layer;

    /// <summary><c>blocks.{Layer}.hook_resid_mid</c>.</summary>
    public Tensor ResidMid { get; } = residMid;

    /// <summary><c>blocks.{Layer}.mlp.hook_pre</c>.</summary>
    public Tensor MlpPre { get; } = mlpPre;

    public void Dispose()
    {
        ResidMid.Dispose();
        MlpPre.Dispose();
    }
}
