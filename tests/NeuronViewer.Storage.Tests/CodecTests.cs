using NeuronViewer.Storage.Codecs;

namespace NeuronViewer.Storage.Tests;

public class CodecTests
{
    public static TheoryData<double[]> ValueSets => new()
    {
        Array.Empty<double>(),
        new[] { -0.0762, -0.008, 3.2617, 0, 12.5 },
        new[] { 0.1f, -1.25e-7f, 3.4e38f }.Select(f => (double)f).ToArray(),
        new[] { Math.PI, -1e-300, 1.0 / 3 },
        new[] { double.NaN, double.PositiveInfinity, double.NegativeInfinity, -0.0, 0.0 },
        new[] { -0.0, 1, 2 },
        new[] { -0.0, -0.0762, 0.0, 3.2617 },
        new[] { 1e15, -123456.5, 0.000001 },
        Enumerable.Range(0, 300).Select(i => (double)(float)Math.Sin(i) * 0.1).Append(float.NaN).Append(float.PositiveInfinity).ToArray(),
    };

    [Theory]
    [MemberData(nameof(ValueSets))]
    public void Activations_round_trip_bit_for_bit(double[] values)
    {
        var decoded = Blob.DecodeValues(Blob.EncodeValues(values));
        RecordAssert.SameValues(values, decoded);
    }

    [Fact]
    public void Decimal_activations_take_under_three_bytes_each_float32_four_and_arbitrary_doubles_eight()
    {
        var random = new Random(3);
        var decimals = Enumerable.Range(0, 10_000).Select(i => i % 10 == 0 ? -0.0 : Math.Round(random.NextDouble() * 2 - 0.2, 4)).ToArray();
        var floats = Enumerable.Range(0, 10_000).Select(_ => (double)(float)(random.NextDouble() * 2 - 0.2)).ToArray();
        var doubles = Enumerable.Range(0, 10_000).Select(_ => random.NextDouble()).ToArray();

        Assert.InRange(Blob.EncodeValues(decimals).Length, 1, 3 * 10_000);
        Assert.InRange(Blob.EncodeValues(floats).Length, 4 * 10_000, 4 * 10_000 + 16);
        Assert.InRange(Blob.EncodeValues(doubles).Length, 8 * 10_000, 8 * 10_000 + 16);
        RecordAssert.SameValues(decimals, Blob.DecodeValues(Blob.EncodeValues(decimals)));
    }

    [Fact]
    public void The_real_records_activations_are_stored_as_decimals_in_under_three_bytes_each()
    {
        var record = RealRecordFile.Read();
        var values = record.MostPositiveActivationRecords.Concat(record.RandomSample).SelectMany(r => r.Activations).ToArray();
        var blob = Blob.EncodeValues(values);
        Assert.InRange(blob.Length, 1, 3 * values.Length);
        RecordAssert.SameValues(values, Blob.DecodeValues(blob));
    }

    [Fact]
    public void Tokens_round_trip_exactly_including_lone_surrogates_and_empty_tokens()
    {
        string[] utf8 = [" the", "", "\n", "🙂", " über", "<|endoftext|>"];
        string[] broken = [" a", "\ud83d", "\ude42x", ""];
        Assert.Equal(utf8, TokenCodec.Decode(TokenCodec.Encode(utf8)));
        Assert.Equal(broken, TokenCodec.Decode(TokenCodec.Encode(broken)));
    }

    [Fact]
    public void Unknown_encoding_is_reported_not_misread()
    {
        var blob = Blob.EncodeValues([1.0, 2.0]);
        blob[1] = 9;
        var e = Assert.Throws<InvalidDataException>(() => Blob.DecodeValues(blob));
        Assert.Contains("Unknown activation encoding", e.Message);
    }
}
