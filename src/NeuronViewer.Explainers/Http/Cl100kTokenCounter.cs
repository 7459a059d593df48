using Microsoft.ML.Tokenizers;
using NeuronViewer.Core.Prompts;

namespace NeuronViewer.Explainers.Http;

/// <summary>Counts tokens with the cl100k_base encoding, as the reference does for context limits (spec §5).</summary>
public sealed class Cl100kTokenCounter : ITokenCounter
{
    private static readonly Lazy<Tokenizer> Encoding = new(() => TiktokenTokenizer.CreateForEncoding("cl100k_base"));

    public static Cl100kTokenCounter Instance { get; } = new();

    public int CountTokens(string text) => Encoding.Value.CountTokens(text, considerPreTokenization: true, considerNormalization: true);
}
