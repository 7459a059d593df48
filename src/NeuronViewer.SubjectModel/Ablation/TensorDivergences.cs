using NeuronViewer.Core.Ablation;
using static TorchSharp.torch;

namespace NeuronViewer.SubjectModel.Ablation;

/// <summary>The original next-token distributions of some positions, in float64: log-probabilities and probabilities ([position, vocab]).</summary>
public sealed class ReferenceDistributions : IDisposable
{
    /// <summary>Takes logits [position, vocab] (any float type) and keeps their float64 log-softmax and its exponent.</summary>
    public ReferenceDistributions(Tensor logits)
    {
        using var scope = NewDisposeScope();
        LogP = logits.to_type(ScalarType.Float64).log_softmax(-1);
        P = LogP.exp();
        scope.MoveToOuter(LogP, P);
    }

    public Tensor LogP { get; }

    public Tensor P { get; }

    public void Dispose()
    {
        LogP.Dispose();
        P.Dispose();
    }
}

/// <summary>
/// Divergences between next-token distributions on tensors (the TorchSharp side of Core's <see cref="Divergences"/>, agreeing to
/// about 1e-14): float64 log-softmax, per-element terms in log space, one value per position; only those values leave libtorch.
/// </summary>
public static class TensorDivergences
{
    /// <summary>The divergence at every position between the reference (original) and the distributions of <paramref name="ablatedLogits"/> [position, vocab].</summary>
    public static double[] PerPosition(ReferenceDistributions reference, Tensor ablatedLogits, DivergenceKind kind)
    {
        ArgumentNullException.ThrowIfNull(reference);
        using var scope = NewDisposeScope();
        var logQ = ablatedLogits.to_type(ScalarType.Float64).log_softmax(-1);
        Tensor values;
        if (kind == DivergenceKind.Kl)
        {
            values = (reference.P * (reference.LogP - logQ)).sum(-1).clamp_min(0);
        }
        else
        {
            // ½ Σ p·(ln p − ln m) + q·(ln q − ln m) with ln m = ln(p + q) − ln 2: one exp and one log per element (Core's softplus
            // form costs a log1p more, unvectorised for float64); per element error about 1e-16·|ln p|, so about 1e-14 in all.
            // The clamp keeps ln m finite where both probabilities underflow to 0 (those terms are then 0·finite).
            var q = logQ.exp();
            var logM = (reference.P + q).clamp_min_(1e-300).log_().sub_(Divergences.Ln2);
            var terms = (reference.LogP - logM).mul_(reference.P);
            terms.add_(logQ.sub_(logM).mul_(q));
            values = terms.sum(-1).mul_(0.5).clamp_(0, Divergences.Ln2);
        }

        return values.cpu().data<double>().ToArray();
    }

    /// <summary>Convenience for one pair of logits [position, vocab]: the divergence of the second from the first at every position.</summary>
    public static double[] PerPosition(Tensor originalLogits, Tensor ablatedLogits, DivergenceKind kind)
    {
        using var reference = new ReferenceDistributions(originalLogits);
        return PerPosition(reference, ablatedLogits, kind);
    }
}
