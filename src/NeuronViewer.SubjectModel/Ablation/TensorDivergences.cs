using NeuronViewer.Core.Ablation;
using static TorchSharp.torch;

namespace NeuronViewer.SubjectModel.Ablation;

/// <summary>The original next-token distributions of some positions, in float64: probabilities p and p·ln p ([position, vocab]).</summary>
public sealed class ReferenceDistributions : IDisposable
{
    /// <summary>Takes logits [position, vocab] (any float type) and keeps p = softmax and p·ln p from their float64 log-softmax.</summary>
    public ReferenceDistributions(Tensor logits)
    {
        using var scope = NewDisposeScope();
        var logP = logits.to_type(ScalarType.Float64).log_softmax(-1);
        P = logP.exp();
        PLogP = P * logP;
        scope.MoveToOuter(P, PLogP);
    }

    public Tensor P { get; }

    public Tensor PLogP { get; }

    public void Dispose()
    {
        P.Dispose();
        PLogP.Dispose();
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
            // Σ p·ln p − p·ln q.
            values = reference.PLogP.addcmul(reference.P, logQ, -1).sum(-1).clamp_min_(0);
        }
        else
        {
            // With s = p + q and m = s/2: ½ Σ (p·ln p + q·ln q − s·ln s) + ln 2, the per-element terms combined before the sum, so
            // their first-order parts cancel element by element (error about 1e-16·Σ p|ln p|, near 1e-15); one exp and one log per
            // element. The clamp keeps ln s finite where both probabilities underflow to 0 (those terms are then 0).
            var q = logQ.exp();
            var s = (reference.P + q).clamp_min_(1e-300);
            var terms = reference.PLogP.addcmul(q, logQ, 1);
            terms.addcmul_(s, s.log(), -1);
            values = terms.sum(-1).mul_(0.5).add_(Divergences.Ln2).clamp_(0, Divergences.Ln2);
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
