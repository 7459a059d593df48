using NeuronViewer.Core.Abstractions;
using NeuronViewer.SubjectModel.Connections;
using NeuronViewer.SubjectModel.Model;
using NeuronViewer.SubjectModel.Tokenization;

namespace NeuronViewer.Pipeline.Subject;

/// <summary>The subject model as loaded once per process, with its tokenizer, provenance and weight-based views.</summary>
public sealed class LoadedSubjectModel : IDisposable
{
    internal LoadedSubjectModel(Gpt2Model model, Gpt2Tokenizer tokenizer, SubjectModelInfo info)
    {
        Model = model;
        Tokenizer = tokenizer;
        Info = info;
        Connections = new NeuronConnections(model, tokenizer);
        Embeddings = new CachedTokenEmbeddings(new TokenEmbeddings(model, tokenizer));
    }

    /// <summary>The TorchSharp model; its forward is safe to call from several threads (weights are read-only).</summary>
    public Gpt2Model Model { get; }

    public Gpt2Tokenizer Tokenizer { get; }

    public SubjectModelInfo Info { get; }

    /// <summary>Weight-based related tokens and neurons (spec §10).</summary>
    public NeuronConnections Connections { get; }

    /// <summary>The token embedding (unit rows, cached per token), for the offline simulator's similarity matching.</summary>
    public ITokenEmbeddings Embeddings { get; }

    public void Dispose() => Model.Dispose();
}
