using NeuronViewer.Core.Records;

namespace NeuronViewer.Storage.Tests;

/// <summary>Exact (bit-for-bit) comparison of neuron records.</summary>
public static class RecordAssert
{
    public static void Same(NeuronRecord expected, NeuronRecord actual)
    {
        Assert.Equal(expected.NeuronId, actual.NeuronId);
        SameGroup(expected.MostPositiveActivationRecords, actual.MostPositiveActivationRecords);
        SameGroup(expected.RandomSample, actual.RandomSample);
        Assert.Equal(expected.RandomSampleByQuantile is null, actual.RandomSampleByQuantile is null);
        if (expected.RandomSampleByQuantile is not null)
        {
            Assert.Equal(expected.RandomSampleByQuantile.Count, actual.RandomSampleByQuantile!.Count);
            for (var i = 0; i < expected.RandomSampleByQuantile.Count; i++)
                SameGroup(expected.RandomSampleByQuantile[i], actual.RandomSampleByQuantile[i]);
        }
        Assert.Equal(expected.QuantileBoundaries is null, actual.QuantileBoundaries is null);
        if (expected.QuantileBoundaries is not null)
            SameValues(expected.QuantileBoundaries, actual.QuantileBoundaries!);
        SameValues([expected.Mean, expected.Variance, expected.Skewness, expected.Kurtosis],
            [actual.Mean, actual.Variance, actual.Skewness, actual.Kurtosis]);
    }

    public static void SameValues(IReadOnlyList<double> expected, IReadOnlyList<double> actual)
    {
        Assert.Equal(expected.Count, actual.Count);
        for (var i = 0; i < expected.Count; i++)
            Assert.True(BitConverter.DoubleToInt64Bits(expected[i]) == BitConverter.DoubleToInt64Bits(actual[i]),
                $"value {i}: expected {expected[i]:R}, got {actual[i]:R}");
    }

    private static void SameGroup(IReadOnlyList<ActivationRecord> expected, IReadOnlyList<ActivationRecord> actual)
    {
        Assert.Equal(expected.Count, actual.Count);
        for (var i = 0; i < expected.Count; i++)
        {
            Assert.Equal(expected[i].Tokens, actual[i].Tokens);
            SameValues(expected[i].Activations, actual[i].Activations);
        }
    }
}
