using System.Diagnostics;
using NeuronViewer.Core.Ablation;
using NeuronViewer.SubjectModel.Model;
using TorchSharp;
using static TorchSharp.torch;

namespace NeuronViewer.SubjectModel.Ablation;

/// <summary>
/// Runs the subject model three ways over a neuron's excerpts (spec §15.2): original, the neuron pinned to its mean, and the
/// neuron replaced at every position by each simulation. The original and mean-ablated passes run once per batch and are
/// shared by every simulation; the ablated passes resume at the neuron's layer from the original pass's state (the layers
/// before it cannot change); excerpts are batched (right-padded: causal attention keeps real positions exact).
/// </summary>
public sealed class NeuronAblator(Gpt2Model model, int batchSize = 4)
{
    public Gpt2Model Model { get; } = model ?? throw new ArgumentNullException(nameof(model));

    /// <summary>Excerpts per forward call.</summary>
    public int BatchSize { get; } = batchSize > 0 ? batchSize : throw new ArgumentOutOfRangeException(nameof(batchSize), batchSize, "Batch size must be positive.");

    /// <summary>Runs every pass; <paramref name="progress"/> hears (excerpt passes done, planned) after each forward call.</summary>
    public AblationPasses Run(AblationRequest request, CancellationToken cancellationToken = default, Action<long, long>? progress = null)
    {
        Validate(request);
        var clock = Stopwatch.StartNew();
        int n = request.Excerpts.Count, k = request.Simulations.Count, passes = 0, calls = 0;
        long tokens = 0;
        long planned = (long)n * (2 + request.Simulations.Count(sim => sim.Any(v => v is not null)));
        var mean = new double[n][];
        var simulated = Enumerable.Range(0, k).Select(_ => new double[]?[n]).ToArray();
        using var inference = inference_mode();
        for (var start = 0; start < n; start += BatchSize)
        {
            cancellationToken.ThrowIfCancellationRequested();
            using var scope = NewDisposeScope();
            var rows = Enumerable.Range(start, Math.Min(BatchSize, n - start)).ToArray();
            var lengths = rows.Select(r => request.Excerpts[r].Length).ToArray();
            var ids = Padded(rows.Select(r => request.Excerpts[r]).ToArray(), lengths.Max());
            long batchTokens = lengths.Sum();

            var references = new List<ReferenceDistributions>();
            MlpInput state;
            using (var logits = Model.LogitsKeepingMlpInput(ids, request.Neuron.LayerIndex, out state))
            {
                for (var i = 0; i < rows.Length; i++)
                    references.Add(new ReferenceDistributions(logits[i].narrow(0, 0, lengths[i])));
            }
            Count(rows.Length);
            try
            {
                using (var logits = Model.ResumeWithInterventions(state, [NeuronIntervention.Pin(request.Neuron, request.Mean)]))
                {
                    for (var i = 0; i < rows.Length; i++)
                        mean[rows[i]] = TensorDivergences.PerPosition(references[i], logits[i].narrow(0, 0, lengths[i]), request.Divergence);
                }
                Count(rows.Length);
                for (var s = 0; s < k; s++)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    var usable = Enumerable.Range(0, rows.Length).Where(i => request.Simulations[s][rows[i]] is not null).ToArray();
                    if (usable.Length == 0)
                        continue;
                    // Rows whose simulation failed are run with the mean in place and their divergences dropped.
                    var values = full(ids.shape[0], ids.shape[1], request.Mean, ScalarType.Float32);
                    foreach (var i in usable)
                        values[i].narrow(0, 0, lengths[i]).copy_(tensor(request.Simulations[s][rows[i]]!.Select(v => (float)v).ToArray()));
                    using var logits = Model.ResumeWithInterventions(state, [NeuronIntervention.Replace(request.Neuron, values)]);
                    foreach (var i in usable)
                        simulated[s][rows[i]] = TensorDivergences.PerPosition(references[i], logits[i].narrow(0, 0, lengths[i]), request.Divergence);
                    Count(rows.Length);
                }
            }
            finally
            {
                foreach (var r in references) r.Dispose();
                state.Dispose();
            }

            void Count(int excerpts)
            {
                passes += excerpts;
                calls++;
                tokens += batchTokens;
                progress?.Invoke(Math.Min(passes, planned), planned);
            }
        }

        return new AblationPasses(mean, simulated, new AblationCost(passes, calls, tokens, clock.Elapsed));
    }

    private static Tensor Padded(int[][] excerpts, int length)
    {
        var flat = new long[excerpts.Length * length];
        for (var i = 0; i < excerpts.Length; i++)
            for (var t = 0; t < excerpts[i].Length; t++)
                flat[(i * length) + t] = excerpts[i][t];
        return tensor(flat, [excerpts.Length, length]);
    }

    private void Validate(AblationRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var config = Model.Config;
        if (request.Neuron.LayerIndex < 0 || request.Neuron.LayerIndex >= config.Layers || request.Neuron.NeuronIndex < 0 || request.Neuron.NeuronIndex >= config.MlpDim)
            throw new ArgumentException($"Neuron {request.Neuron} is not in the subject model (layers 0-{config.Layers - 1}, neurons 0-{config.MlpDim - 1}).");
        if (!double.IsFinite(request.Mean))
            throw new ArgumentException($"The mean-ablation value must be finite, not {request.Mean}.");
        for (var e = 0; e < request.Excerpts.Count; e++)
        {
            var length = request.Excerpts[e].Length;
            if (length == 0 || length > config.ContextLength)
                throw new ArgumentException($"Excerpt {e} has {length} tokens; ablation needs 1-{config.ContextLength}.");
            for (var s = 0; s < request.Simulations.Count; s++)
            {
                if (request.Simulations[s].Count != request.Excerpts.Count)
                    throw new ArgumentException($"Simulation {s} covers {request.Simulations[s].Count} excerpts, not {request.Excerpts.Count}.");
                if (request.Simulations[s][e] is { } values && (values.Count != length || values.Any(v => !double.IsFinite(v))))
                    throw new ArgumentException($"Simulation {s} of excerpt {e} must have {length} finite values (it has {values.Count}).");
            }
        }
    }
}
