using NeuronViewer.Core.Json;
using NeuronViewer.Core.Records;

namespace NeuronViewer.Core.Tests.Json;

/// <summary>Bad documents fail with messages that name the type, the key and the place.</summary>
public class OpenAiJsonErrorTests
{
    private static OpenAiFormatException Fails<T>(string json)
        where T : notnull => Assert.Throws<OpenAiFormatException>(() => OpenAiJson.Deserialize<T>(json));

    [Fact]
    public void Unknown_key_names_the_type_the_key_and_the_path()
    {
        var e = Fails<NeuronRecord>(
            """{"dataclass_name":"NeuronRecord","neuron_id":{"dataclass_name":"NeuronId","layer_index":1,"neuron_index":1},"foo":1}""");
        Assert.Contains("NeuronRecord has an unknown key 'foo'", e.Message, StringComparison.Ordinal);
        Assert.Equal("$", e.JsonPath);
    }

    [Fact]
    public void Unknown_key_in_a_nested_record_gives_its_path()
    {
        var e = Fails<NeuronRecord>(
            """{"dataclass_name":"NeuronRecord","neuron_id":{"dataclass_name":"NeuronId","layer_index":1,"neuron_index":1},"random_sample":[{"dataclass_name":"ActivationRecord","tokens":[],"activations":[]},{"dataclass_name":"ActivationRecord","tokens":[],"activations":[],"extra":true}]}""");
        Assert.Contains("ActivationRecord has an unknown key 'extra'", e.Message, StringComparison.Ordinal);
        Assert.Equal("$.random_sample[1]", e.JsonPath);
    }

    [Fact]
    public void Missing_required_key_is_named()
    {
        var e = Fails<ScoredSequenceSimulation>(
            """{"dataclass_name":"ScoredSequenceSimulation","simulation":{"dataclass_name":"SequenceSimulation","tokens":[],"expected_activations":[],"activation_scale":"neuron_activations","distribution_values":[],"distribution_probabilities":[]},"true_activations":[]}""");
        Assert.Contains("ScoredSequenceSimulation is missing the required key 'ev_correlation_score'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Wrong_dataclass_name_where_a_type_is_expected()
    {
        var e = Fails<NeuronRecord>("""{"dataclass_name":"NeuronId","layer_index":1,"neuron_index":1}""");
        Assert.Contains("Expected a NeuronRecord but the object is a NeuronId", e.Message, StringComparison.Ordinal);

        var nested = Fails<NeuronSimulationResults>(
            """{"dataclass_name":"NeuronSimulationResults","neuron_id":{"dataclass_name":"TokensAndWeights","tokens":[],"strengths":[]},"scored_explanations":[]}""");
        Assert.Contains("Expected a NeuronId but the object is a TokensAndWeights", nested.Message, StringComparison.Ordinal);
        Assert.Equal("$.neuron_id", nested.JsonPath);
    }

    [Fact]
    public void Unknown_dataclass_name_is_rejected()
    {
        var typed = Fails<NeuronId>("""{"dataclass_name":"Neuron","layer_index":1,"neuron_index":1}""");
        Assert.Contains("unknown dataclass_name 'Neuron'", typed.Message, StringComparison.Ordinal);
        var any = Assert.Throws<OpenAiFormatException>(() => OpenAiJson.DeserializeAny("""{"dataclass_name":"AblationScore","score":1}"""));
        Assert.Contains("Unknown dataclass_name 'AblationScore'", any.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_dataclass_name_a_subset_of_fields_is_not_matched_D11_fixed()
    {
        // The reference would pick the first registered class whose fields are a superset ({tokens} ⊂ ActivationRecord).
        var any = Assert.Throws<OpenAiFormatException>(() => OpenAiJson.DeserializeAny("""{"tokens":["a"]}"""));
        Assert.Contains("are not exactly the fields of any record type", any.Message, StringComparison.Ordinal);

        var typed = Fails<NeuronRecord>("""{"neuron_id":{"layer_index":1,"neuron_index":2}}""");
        Assert.Contains("Expected a NeuronRecord: the object has no dataclass_name, so its keys must be exactly", typed.Message, StringComparison.Ordinal);

        var other = Fails<ActivationRecord>("""{"tokens":["a"],"strengths":[1.0]}""");
        Assert.Contains("they are the fields of TokensAndWeights", other.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Tokens_and_activations_of_different_lengths()
    {
        var e = Fails<ActivationRecord>("""{"dataclass_name":"ActivationRecord","tokens":["a","b","c"],"activations":[1.0,2.0]}""");
        Assert.Contains("ActivationRecord has 3 tokens but 2 activations", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Simulation_lengths_must_agree()
    {
        const string head = """{"dataclass_name":"SequenceSimulation","tokens":["a","b"],"activation_scale":"neuron_activations",""";
        var ev = Fails<SequenceSimulation>(head + """ "expected_activations":[1.0],"distribution_values":[],"distribution_probabilities":[]}""");
        Assert.Contains("SequenceSimulation has 2 tokens but 1 expected_activations", ev.Message, StringComparison.Ordinal);

        var dist = Fails<SequenceSimulation>(head + """ "expected_activations":[1.0,2.0],"distribution_values":[[1.0],[2.0,3.0]],"distribution_probabilities":[[1.0],[1.0]]}""");
        Assert.Contains("token 1 has 2 distribution values but 1 probabilities", dist.Message, StringComparison.Ordinal);

        // Empty distributions with non-empty tokens are legal: the logprob-free simulator writes them.
        var empty = OpenAiJson.Deserialize<SequenceSimulation>(head + """ "expected_activations":[1.0,2.0],"distribution_values":[],"distribution_probabilities":[]}""");
        Assert.Empty(empty.DistributionValues);

        var truth = Fails<ScoredSequenceSimulation>(
            """{"simulation":{"dataclass_name":"SequenceSimulation","tokens":["a"],"expected_activations":[1.0],"activation_scale":"neuron_activations","distribution_values":[],"distribution_probabilities":[],"uncalibrated_simulation":null},"true_activations":[1.0,2.0],"ev_correlation_score":null,"rsquared_score":null,"absolute_dev_explained_score":null}""");
        Assert.Contains("has 1 simulation.expected_activations but 2 true_activations", truth.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_activation_scale_lists_the_valid_values()
    {
        var e = Fails<SequenceSimulation>(
            """{"dataclass_name":"SequenceSimulation","tokens":[],"expected_activations":[],"activation_scale":"raw","distribution_values":[],"distribution_probabilities":[]}""");
        Assert.Contains("unknown activation_scale 'raw'", e.Message, StringComparison.Ordinal);
        Assert.Contains("'simulated_normalized_activations'", e.Message, StringComparison.Ordinal);
        Assert.Equal("$.activation_scale", e.JsonPath);
    }

    [Theory]
    [InlineData("""{"dataclass_name":"ActivationRecord","tokens":["a"],"activations":["1.0"]}""", "Expected a number but found the string \"1.0\"", "$.activations[0]")]
    [InlineData("""{"dataclass_name":"ActivationRecord","tokens":[1],"activations":[1.0]}""", "Expected a string but found the number 1", "$.tokens[0]")]
    [InlineData("""{"dataclass_name":"ActivationRecord","tokens":"a","activations":[1.0]}""", "Expected a list but found the string \"a\"", "$.tokens")]
    [InlineData("""[1,2]""", "Expected a ActivationRecord object but found a list", "$")]
    public void Wrong_value_types_name_what_was_expected(string json, string message, string path)
    {
        var e = Fails<ActivationRecord>(json);
        Assert.Contains(message, e.Message, StringComparison.Ordinal);
        Assert.Equal(path, e.JsonPath);
    }

    [Fact]
    public void Non_integer_layer_index_is_rejected()
    {
        var e = Fails<NeuronId>("""{"dataclass_name":"NeuronId","layer_index":1.5,"neuron_index":1}""");
        Assert.Contains("Expected an integer but found 1.5", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Duplicate_key_is_rejected()
    {
        var e = Fails<NeuronId>("""{"dataclass_name":"NeuronId","layer_index":1,"layer_index":2,"neuron_index":1}""");
        Assert.Contains("The key 'layer_index' appears twice", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"dataclass_name":"NeuronId","layer_index":1,""", "Malformed JSON at line 1")]
    [InlineData("{\n\"dataclass_name\": \"NeuronId\",\n\"layer_index\": 1 \"neuron_index\": 2}", "Malformed JSON at line 3")]
    [InlineData("", "Malformed JSON at line 1")]
    [InlineData("""{"dataclass_name":"NeuronId","layer_index":nan,"neuron_index":1}""", "Malformed JSON at line 1, byte 45: 'nan")]
    public void Malformed_json_gives_line_and_byte(string json, string message)
    {
        var e = Fails<NeuronId>(json);
        Assert.Contains(message, e.Message, StringComparison.Ordinal);
        Assert.IsType<System.Text.Json.JsonException>(e.InnerException, exactMatch: false);
    }

    [Fact]
    public void Unregistered_target_type_is_refused()
    {
        var e = Assert.Throws<NotSupportedException>(() => OpenAiJson.Deserialize<string>("\"x\""));
        Assert.Contains("String is not a record of the OpenAI format", e.Message, StringComparison.Ordinal);
    }
}
