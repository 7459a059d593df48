using System.Text.Json;
using NeuronViewer.Core.Json;
using NeuronViewer.Core.Records;

namespace NeuronViewer.Core.Tests.Json;

/// <summary>Every registered record type: key order, dataclass_name first, registration order.</summary>
public class RecordSchemaTests
{
    public static TheoryData<object> OneOfEach() =>
    [
        new ActivationRecord(["a"], [1.0]),
        new NeuronId(1, 2),
        new NeuronRecord(new NeuronId(0, 0), [], null, null, double.NaN, 1, 2, 3, []),
        new SequenceSimulation(["a"], [1.0], ActivationScale.NeuronActivations, [[1.0]], [[1.0]]),
        new ScoredSequenceSimulation(new SequenceSimulation([], [], ActivationScale.NeuronActivations, [], []), [], double.NaN),
        new ScoredSimulation([], null, null, null),
        new ScoredExplanation("x", new ScoredSimulation([], 0.5, null, null)),
        new NeuronSimulationResults(new NeuronId(3, 4), []),
        new TokensAndWeights([], []),
        new WeightBasedSummaryOfNeuron(new([], []), new([], []), new([], []), new([], [])),
        new TokenLookupTableSummaryOfNeuron(["a"], [0.5]),
    ];

    [Theory]
    [MemberData(nameof(OneOfEach))]
    public void Every_registered_type_writes_its_declared_keys_in_order_with_dataclass_name_first(object record)
    {
        var schema = RecordSchemas.ForType(record.GetType());
        var json = (string)typeof(OpenAiJson).GetMethod(nameof(OpenAiJson.Serialize))!.MakeGenericMethod(record.GetType()).Invoke(null, [record])!;
        using var document = JsonDocument.Parse(json);
        var keys = document.RootElement.EnumerateObject().Select(p => p.Name).ToList();

        Assert.Equal(["dataclass_name", .. schema.Fields], keys);
        Assert.Equal(record.GetType().Name, document.RootElement.GetProperty("dataclass_name").GetString());
        Assert.Equal(record.GetType(), OpenAiJson.DeserializeAny(json).GetType());
    }

    [Fact]
    public void Registration_order_and_names_match_the_reference()
    {
        Assert.Equal(
            ["ActivationRecord", "NeuronId", "NeuronRecord", "SequenceSimulation", "ScoredSequenceSimulation", "ScoredSimulation",
                "ScoredExplanation", "NeuronSimulationResults", "TokensAndWeights", "WeightBasedSummaryOfNeuron", "TokenLookupTableSummaryOfNeuron"],
            OpenAiJson.RegisteredNames);
        Assert.Equal(RecordSchemas.All.Count, RecordSchemas.All.Select(s => string.Join(",", s.Fields.Order())).Distinct().Count());
    }
}
