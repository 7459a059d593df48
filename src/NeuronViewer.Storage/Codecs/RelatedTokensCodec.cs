using NeuronViewer.Core.Records;

namespace NeuronViewer.Storage.Codecs;

/// <summary>Binary form of the token look-up table and the weight-based token summary.</summary>
internal static class RelatedTokensCodec
{
    public static byte[] Encode(TokenLookupTableSummaryOfNeuron table) => Blob.Write(w =>
    {
        TokenCodec.Write(w, table.Tokens);
        ActivationCodec.Write(w, table.AverageActivations);
    });

    public static TokenLookupTableSummaryOfNeuron DecodeLookupTable(byte[] blob) =>
        Blob.Read(blob, r => new TokenLookupTableSummaryOfNeuron(TokenCodec.Read(r), ActivationCodec.Read(r)));

    public static byte[] Encode(WeightBasedSummaryOfNeuron summary) => Blob.Write(w =>
    {
        foreach (var part in new[] { summary.InputPositive, summary.InputNegative, summary.OutputPositive, summary.OutputNegative })
        {
            TokenCodec.Write(w, part.Tokens);
            ActivationCodec.Write(w, part.Strengths);
        }
    });

    public static WeightBasedSummaryOfNeuron DecodeWeightBased(byte[] blob) => Blob.Read(blob, r =>
    {
        TokensAndWeights Part() => new(TokenCodec.Read(r), ActivationCodec.Read(r));
        return new WeightBasedSummaryOfNeuron(Part(), Part(), Part(), Part());
    });
}
