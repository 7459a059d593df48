using NeuronViewer.Core.Json;
using NeuronViewer.Core.Records;

namespace NeuronViewer.Core.Tests.Json;

/// <summary>JSON-lines explanation files.</summary>
public class JsonLinesTests
{
    private static NeuronSimulationResults Results(int neuron) => new(new NeuronId(2, neuron), []);

    [Fact]
    public void Writes_one_line_per_record_and_reads_them_back()
    {
        var text = JsonLines.Write([Results(1), Results(2)]);
        Assert.Equal(
            "{\"dataclass_name\":\"NeuronSimulationResults\",\"neuron_id\":{\"dataclass_name\":\"NeuronId\",\"layer_index\":2,\"neuron_index\":1},\"scored_explanations\":[]}\n" +
            "{\"dataclass_name\":\"NeuronSimulationResults\",\"neuron_id\":{\"dataclass_name\":\"NeuronId\",\"layer_index\":2,\"neuron_index\":2},\"scored_explanations\":[]}\n",
            text);
        Assert.Equal([1, 2], JsonLines.Read<NeuronSimulationResults>(text + "\r\n\n").Select(r => r.NeuronId.NeuronIndex));
    }

    [Fact]
    public void A_bad_line_is_reported_by_number()
    {
        var text = JsonLines.Write([Results(1)]) + "\n{\"dataclass_name\":\"NeuronSimulationResults\",\"neuron_id\":{\"layer_index\":1,\"neuron_index\":1},\"scored_explanations\":[],\"x\":1}\n";
        var e = Assert.Throws<OpenAiFormatException>(() => JsonLines.Read<NeuronSimulationResults>(text));
        Assert.StartsWith("Line 3: NeuronSimulationResults has an unknown key 'x'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_explanation_file_must_have_exactly_one_line()
    {
        Assert.Equal(7, JsonLines.ReadSingle<NeuronSimulationResults>(JsonLines.Write([Results(7)])).NeuronId.NeuronIndex);
        var two = Assert.Throws<OpenAiFormatException>(() => JsonLines.ReadSingle<NeuronSimulationResults>(JsonLines.Write([Results(1), Results(2)])));
        Assert.Contains("Expected exactly one NeuronSimulationResults line but found 2", two.Message, StringComparison.Ordinal);
        var none = Assert.Throws<OpenAiFormatException>(() => JsonLines.ReadSingle<NeuronSimulationResults>("\n\n"));
        Assert.Contains("found 0", none.Message, StringComparison.Ordinal);
    }
}
