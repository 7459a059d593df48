using System.Text.Json;
using NeuronViewer.Core.Json;
using NeuronViewer.Core.Records;
using NeuronViewer.Core.Tests.TestSupport;

namespace NeuronViewer.Core.Tests.Json;

/// <summary>OpenAI's real GPT-2 XL record for layer 1 neuron 1 (Data/README.md), facts from its published description.</summary>
public class RealNeuronRecordTests
{
    private static readonly byte[] Original = TestData.Bytes(TestData.RealNeuronFile);
    private static readonly NeuronRecord Record = OpenAiJson.Deserialize<NeuronRecord>(Original);

    [Fact]
    public void It_loads_with_the_published_shape()
    {
        Assert.Equal(new NeuronId(1, 1), Record.NeuronId);
        Assert.Equal(50, Record.RandomSample.Count);
        Assert.Equal(50, Record.MostPositiveActivationRecords.Count);
        Assert.NotNull(Record.RandomSampleByQuantile);
        Assert.Equal(5, Record.RandomSampleByQuantile!.Count);
        Assert.All(Record.RandomSampleByQuantile, bucket => Assert.Equal(20, bucket.Count));
        Assert.Equal(6, Record.QuantileBoundaries!.Count);
        Assert.True(double.IsNaN(Record.QuantileBoundaries[0]) && double.IsNaN(Record.QuantileBoundaries[5]));
        Assert.Equal([-0.0032, 0.5005, 1.5146, 2.3789], Record.QuantileBoundaries.Skip(1).Take(4));
        Assert.Equal(-0.0499, Record.Mean);
        Assert.Equal(0.0053, Record.Variance);
        Assert.Equal(9.8557, Record.Skewness);
        Assert.Equal(195.6007, Record.Kurtosis);
        Assert.Equal(3.2617, Record.MaxActivation);
        Assert.Equal(" the", Record.RandomSample[0].Tokens[0]);
        Assert.Equal(-0.0762, Record.RandomSample[0].Activations[0]);
    }

    [Fact]
    public void Quantile_buckets_respect_their_boundaries()
    {
        for (var bucket = 0; bucket < Record.RandomSampleByQuantile!.Count; bucket++)
        {
            var (lower, upper) = Record.QuantileBucketRange(bucket);
            foreach (var excerpt in Record.RandomSampleByQuantile[bucket])
            {
                Assert.InRange(excerpt.MaxActivation, lower, upper);
            }
        }

        Assert.Equal(double.NegativeInfinity, Record.QuantileBucketRange(0).Lower);
        Assert.Equal(double.PositiveInfinity, Record.QuantileBucketRange(4).Upper);
    }

    [Fact]
    public void Writing_it_back_gives_an_equivalent_document_with_the_same_key_order()
    {
        var written = OpenAiJson.SerializeToUtf8Bytes(Record);
        using var expected = JsonDocument.Parse(Original);
        using var actual = JsonDocument.Parse(written);
        var objects = 0;
        AssertEquivalent(expected.RootElement, actual.RootElement, "$", ref objects);
        Assert.True(objects > 200, $"compared only {objects} objects");

        // Compact like orjson: no whitespace outside strings (the published file uses ", " and ": ").
        Assert.StartsWith("{\"dataclass_name\":\"NeuronRecord\",\"neuron_id\":{\"dataclass_name\":\"NeuronId\",\"layer_index\":1,", System.Text.Encoding.UTF8.GetString(written), StringComparison.Ordinal);
        Assert.True(written.Length < Original.Length, "compact output should be shorter than the spaced original");
    }

    private static void AssertEquivalent(JsonElement expected, JsonElement actual, string path, ref int objects)
    {
        Assert.True(expected.ValueKind == actual.ValueKind, $"{path}: {expected.ValueKind} vs {actual.ValueKind}");
        switch (expected.ValueKind)
        {
            case JsonValueKind.Object:
                objects++;
                var e = expected.EnumerateObject().ToList();
                var a = actual.EnumerateObject().ToList();
                Assert.True(e.Select(p => p.Name).SequenceEqual(a.Select(p => p.Name)), $"{path}: keys {string.Join(",", e.Select(p => p.Name))} vs {string.Join(",", a.Select(p => p.Name))}");
                Assert.Equal("dataclass_name", a[0].Name);
                for (var i = 0; i < e.Count; i++)
                    AssertEquivalent(e[i].Value, a[i].Value, $"{path}.{e[i].Name}", ref objects);
                break;
            case JsonValueKind.Array:
                Assert.True(expected.GetArrayLength() == actual.GetArrayLength(), $"{path}: lengths differ");
                var index = 0;
                foreach (var (x, y) in expected.EnumerateArray().Zip(actual.EnumerateArray()))
                    AssertEquivalent(x, y, $"{path}[{index++}]", ref objects);
                break;
            case JsonValueKind.Number:
                Assert.True(expected.GetDouble() == actual.GetDouble(), $"{path}: {expected.GetRawText()} vs {actual.GetRawText()}");
                break;
            case JsonValueKind.String:
                Assert.True(expected.GetString() == actual.GetString(), $"{path}: strings differ");
                break;
        }
    }
}
