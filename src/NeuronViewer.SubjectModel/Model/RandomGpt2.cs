using TorchSharp;
using static TorchSharp.torch;

namespace NeuronViewer.SubjectModel.Model;

/// <summary>GPT-2 models with random weights (GPT-2's initialisation), for tests and benchmarks.</summary>
public static class RandomGpt2
{
    /// <summary>The GPT-2 small shape: 12 layers, d_model 768, 12 heads, 3072 neurons per layer, vocabulary 50257.</summary>
    public static Gpt2Config SmallShape { get; } = new(50257, 1024, 768, 12, 12, 3072, 1e-5);

    /// <summary>A model of the given shape with weights drawn from N(0, 0.02²) (LayerNorm gains 1, biases small), seeded.</summary>
    public static Gpt2Model Create(Gpt2Config config, long seed, string device = "cpu")
    {
        using var generator = new Generator((ulong)seed);
        var dev = new Device(device);
        var weights = new Gpt2Weights(config, (name, shape) =>
        {
            bool gain = name.EndsWith("ln_1.weight", StringComparison.Ordinal) || name.EndsWith("ln_2.weight", StringComparison.Ordinal) || name == "ln_f.weight";
            var noise = randn(shape, generator: generator);
            var t = gain ? 1 + 0.1 * noise : shape.Length == 1 ? 0.02 * noise : 0.02 * noise;
            return t.to(dev).requires_grad_(false);
        });
        return new Gpt2Model(config, weights, dev, $"random-{seed}");
    }
}
