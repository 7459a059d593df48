using NeuronViewer.Core.Json;
using NeuronViewer.Core.Records;

namespace NeuronViewer.Core.Tests.Json;

/// <summary>The writer's exact output (orjson's layout) and the reader's leniencies.</summary>
public class OpenAiJsonFormatTests
{
    /// <summary>The result line of spec §2.2 (values invented there, key order verified against the reference).</summary>
    private const string SpecResultLine =
        """{"dataclass_name":"NeuronSimulationResults","neuron_id":{"dataclass_name":"NeuronId","layer_index":1,"neuron_index":2},"scored_explanations":[{"dataclass_name":"ScoredExplanation","explanation":"...","scored_simulation":{"dataclass_name":"ScoredSimulation","scored_sequence_simulations":[{"dataclass_name":"ScoredSequenceSimulation","simulation":{"dataclass_name":"SequenceSimulation","tokens":["a","b"],"expected_activations":[1.0,2.0],"activation_scale":"simulated_normalized_activations","distribution_values":[[0.0,1.0],[2.0]],"distribution_probabilities":[[0.5,0.5],[1.0]],"uncalibrated_simulation":null},"true_activations":[0.1,0.3],"ev_correlation_score":1.0,"rsquared_score":0.2,"absolute_dev_explained_score":0.1}],"ev_correlation_score":1.0,"rsquared_score":-36.0,"absolute_dev_explained_score":-5.5}}]}""";

    [Fact]
    public void Spec_result_line_reads_into_records_and_writes_back_byte_for_byte()
    {
        var results = OpenAiJson.Deserialize<NeuronSimulationResults>(SpecResultLine);

        Assert.Equal(new NeuronId(1, 2), results.NeuronId);
        var explanation = Assert.Single(results.ScoredExplanations);
        Assert.Equal("...", explanation.Explanation);
        Assert.Equal(-36.0, explanation.ScoredSimulation.RsquaredScore);
        var sequence = Assert.Single(explanation.ScoredSimulation.ScoredSequenceSimulations);
        Assert.Equal(ActivationScale.SimulatedNormalizedActivations, sequence.Simulation.ActivationScale);
        Assert.Equal([0.0, 1.0], sequence.Simulation.DistributionValues[0]);
        Assert.Null(sequence.Simulation.UncalibratedSimulation);
        Assert.Equal([0.1, 0.3], sequence.TrueActivations);

        Assert.Equal(SpecResultLine, OpenAiJson.Serialize(results));
    }

    [Theory]
    // Expected texts are what orjson 3.8.3 writes for these Python floats (ryu layout).
    [InlineData(0.0, "0.0")]
    [InlineData(-0.0, "-0.0")]
    [InlineData(1.0, "1.0")]
    [InlineData(-3.0, "-3.0")]
    [InlineData(0.1, "0.1")]
    [InlineData(2.5, "2.5")]
    [InlineData(1e16, "1e16")]
    [InlineData(1e15, "1000000000000000.0")]
    [InlineData(9007199254740992.0, "9007199254740992.0")]
    [InlineData(123456789012345678.0, "1.2345678901234568e17")]
    [InlineData(1e-5, "0.00001")]
    [InlineData(1.2345e-5, "0.000012345")]
    [InlineData(1e-6, "1e-6")]
    [InlineData(1.5e-10, "1.5e-10")]
    [InlineData(5e-324, "5e-324")]
    [InlineData(1e300, "1e300")]
    [InlineData(0.30000000000000004, "0.30000000000000004")]
    [InlineData(double.NaN, "null")]
    [InlineData(double.PositiveInfinity, "null")]
    [InlineData(double.NegativeInfinity, "null")]
    public void Floats_are_written_as_orjson_writes_them(double value, string expected)
    {
        var json = OpenAiJson.Serialize(new TokensAndWeights(["t"], [value]));
        Assert.Equal($$"""{"dataclass_name":"TokensAndWeights","tokens":["t"],"strengths":[{{expected}}]}""", json);
    }

    [Fact]
    public void Strings_escape_only_quotes_backslashes_and_control_characters_like_orjson()
    {
        var token = new string(Enumerable.Range(0, 0x20).Select(i => (char)i).ToArray()) + "<>&'\"\\/\u007f\u0080\u2028\u2029é😀\ufeff";
        var json = OpenAiJson.Serialize(new TokensAndWeights([token], [1.0]));

        // orjson 3.8.3 output for the same string.
        const string expected =
            "\"\\u0000\\u0001\\u0002\\u0003\\u0004\\u0005\\u0006\\u0007\\b\\t\\n\\u000b\\f\\r\\u000e\\u000f" +
            "\\u0010\\u0011\\u0012\\u0013\\u0014\\u0015\\u0016\\u0017\\u0018\\u0019\\u001a\\u001b\\u001c\\u001d\\u001e\\u001f" +
            "<>&'\\\"\\\\/\u007f\u0080\u2028\u2029é😀\ufeff\"";
        Assert.Contains("\"tokens\":[" + expected + "]", json, StringComparison.Ordinal);
        Assert.Equal(token, OpenAiJson.Deserialize<TokensAndWeights>(json).Tokens[0]);
    }

    [Fact]
    public void Utf8_output_holds_non_ascii_raw()
    {
        var bytes = OpenAiJson.SerializeToUtf8Bytes(new TokensAndWeights(["é"], [1.0]));
        var expected = "{\"dataclass_name\":\"TokensAndWeights\",\"tokens\":[\""u8.ToArray()
            .Concat(new byte[] { 0xC3, 0xA9 })
            .Concat("\"],\"strengths\":[1.0]}"u8.ToArray());
        Assert.Equal(expected, bytes);
    }

    [Fact]
    public void Unpaired_surrogate_cannot_be_written()
    {
        var e = Assert.Throws<OpenAiFormatException>(() => OpenAiJson.Serialize(new TokensAndWeights(["a\ud83d"], [1.0])));
        Assert.Contains("unpaired UTF-16 surrogate U+D83D", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NaN_and_infinity_literals_are_accepted_on_input()
    {
        var record = OpenAiJson.Deserialize<ActivationRecord>(
            """{"dataclass_name":"ActivationRecord","tokens":["a","b","c","d","NaN"],"activations":[NaN,Infinity,-Infinity,null,1e400]}""");

        Assert.True(double.IsNaN(record.Activations[0]));
        Assert.Equal(double.PositiveInfinity, record.Activations[1]);
        Assert.Equal(double.NegativeInfinity, record.Activations[2]);
        Assert.True(double.IsNaN(record.Activations[3]));
        Assert.Equal(double.PositiveInfinity, record.Activations[4]);
        Assert.Equal("NaN", record.Tokens[4]);
        Assert.Equal(
            """{"dataclass_name":"ActivationRecord","tokens":["a","b","c","d","NaN"],"activations":[null,null,null,null,null]}""",
            OpenAiJson.Serialize(record));
    }

    [Fact]
    public void Missing_optional_keys_take_the_reference_defaults()
    {
        var record = OpenAiJson.Deserialize<NeuronRecord>(
            """{"dataclass_name":"NeuronRecord","neuron_id":{"dataclass_name":"NeuronId","layer_index":3,"neuron_index":7}}""");

        Assert.Equal(new NeuronId(3, 7), record.NeuronId);
        Assert.Empty(record.RandomSample);
        Assert.Empty(record.MostPositiveActivationRecords);
        Assert.Null(record.RandomSampleByQuantile);
        Assert.Null(record.QuantileBoundaries);
        Assert.True(double.IsNaN(record.Mean) && double.IsNaN(record.Variance) && double.IsNaN(record.Skewness) && double.IsNaN(record.Kurtosis));
        Assert.Equal(
            """{"dataclass_name":"NeuronRecord","neuron_id":{"dataclass_name":"NeuronId","layer_index":3,"neuron_index":7},"random_sample":[],"random_sample_by_quantile":null,"quantile_boundaries":null,"mean":null,"variance":null,"skewness":null,"kurtosis":null,"most_positive_activation_records":[]}""",
            OpenAiJson.Serialize(record));
    }

    [Fact]
    public void Object_without_dataclass_name_is_accepted_when_its_keys_are_exactly_the_fields()
    {
        var id = OpenAiJson.Deserialize<NeuronId>("""{"neuron_index":5,"layer_index":4}""");
        Assert.Equal(new NeuronId(4, 5), id);
        Assert.IsType<TokensAndWeights>(OpenAiJson.DeserializeAny("""{"tokens":["x"],"strengths":[2.0]}"""));
    }

    [Fact]
    public void DeserializeAny_returns_the_record_the_document_names()
    {
        Assert.Equal(new NeuronId(0, 9), OpenAiJson.DeserializeAny("""{"dataclass_name":"NeuronId","layer_index":0,"neuron_index":9}"""));
        var lookup = Assert.IsType<TokenLookupTableSummaryOfNeuron>(OpenAiJson.DeserializeAny(
            """{"dataclass_name":"TokenLookupTableSummaryOfNeuron","tokens":[" the","ing"],"average_activations":[2.5,null]}"""));
        Assert.Equal([" the", "ing"], lookup.Tokens);
        Assert.True(double.IsNaN(lookup.AverageActivations[1]));
        var summary = Assert.IsType<WeightBasedSummaryOfNeuron>(OpenAiJson.DeserializeAny(
            """{"dataclass_name":"WeightBasedSummaryOfNeuron","input_positive":{"dataclass_name":"TokensAndWeights","tokens":["a"],"strengths":[1.0]},"input_negative":{"dataclass_name":"TokensAndWeights","tokens":[],"strengths":[]},"output_positive":{"dataclass_name":"TokensAndWeights","tokens":["b"],"strengths":[0.5]},"output_negative":{"dataclass_name":"TokensAndWeights","tokens":["c"],"strengths":[-0.5]}}"""));
        Assert.Equal(-0.5, summary.OutputNegative.Strengths[0]);
    }

    [Fact]
    public void Utf8_bom_is_skipped_and_escaped_input_is_decoded()
    {
        var bytes = new byte[] { 0xEF, 0xBB, 0xBF }.Concat("""{"tokens":["\u00e9\ud83d\ude00"],"strengths":[1]}"""u8.ToArray()).ToArray();
        var record = OpenAiJson.Deserialize<TokensAndWeights>(bytes);
        Assert.Equal("é😀", record.Tokens[0]);
        Assert.Equal(1.0, record.Strengths[0]);
    }
}
