using NeuronViewer.Core.Abstractions;
using NeuronViewer.SubjectModel.Model;
using NeuronViewer.SubjectModel.Tokenization;
using TorchSharp;
using static TorchSharp.torch;

namespace NeuronViewer.SubjectModel.Connections;

/// <summary>The subject model's token embedding (wte) as <see cref="ITokenEmbeddings"/>: unit-length rows, looked up by token string.</summary>
public sealed class TokenEmbeddings(Gpt2Model model, Gpt2Tokenizer tokenizer) : ITokenEmbeddings
{
    public float[]? Vector(string token)
    {
        if (!tokenizer.TryGetId(token, out var id) || id >= model.Config.VocabSize) return null;
        using var _ = inference_mode();
        using var row = model.Weights.Wte[id].cpu();
        var v = row.data<float>().ToArray();
        double norm = Math.Sqrt(v.Sum(x => (double)x * x));
        return norm == 0 ? v : v.Select(x => (float)(x / norm)).ToArray();
    }
}
