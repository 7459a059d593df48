using System.Text.Json;
using NeuronViewer.Core.Records;

namespace NeuronViewer.Core.Json;

/// <summary>Builds each registered record from a checked JSON object, with the reference's defaults for absent optional keys.</summary>
internal static class RecordReader
{
    public static object ReadAny(JsonElement e, string path) => Build(RecordObject.OpenAny(e, path));

    public static object Read(JsonElement e, string path, RecordSchema expected) => Build(RecordObject.Open(e, path, expected));

    private static T Read<T>(JsonElement e, string path) => (T)Read(e, path, RecordSchemas.ForType(typeof(T)));

    private static object Build(RecordObject o) => o.Schema.Name switch
    {
        nameof(ActivationRecord) => BuildActivationRecord(o),
        nameof(NeuronId) => new NeuronId(o.Read("layer_index", JsonIn.Integer), o.Read("neuron_index", JsonIn.Integer)),
        nameof(NeuronRecord) => BuildNeuronRecord(o),
        nameof(SequenceSimulation) => BuildSequenceSimulation(o),
        nameof(ScoredSequenceSimulation) => BuildScoredSequenceSimulation(o),
        nameof(ScoredSimulation) => new ScoredSimulation(
            o.Read("scored_sequence_simulations", (e, p) => JsonIn.List(e, p, Read<ScoredSequenceSimulation>)),
            o.Read("ev_correlation_score", JsonIn.NullableDouble, null),
            o.Read("rsquared_score", JsonIn.NullableDouble, null),
            o.Read("absolute_dev_explained_score", JsonIn.NullableDouble, null)),
        nameof(ScoredExplanation) => new ScoredExplanation(
            o.Read("explanation", JsonIn.String), o.Read("scored_simulation", Read<ScoredSimulation>)),
        nameof(NeuronSimulationResults) => new NeuronSimulationResults(
            o.Read("neuron_id", Read<NeuronId>), o.Read("scored_explanations", (e, p) => JsonIn.List(e, p, Read<ScoredExplanation>))),
        nameof(TokensAndWeights) => BuildTokensAndWeights(o),
        nameof(WeightBasedSummaryOfNeuron) => new WeightBasedSummaryOfNeuron(
            o.Read("input_positive", Read<TokensAndWeights>), o.Read("input_negative", Read<TokensAndWeights>),
            o.Read("output_positive", Read<TokensAndWeights>), o.Read("output_negative", Read<TokensAndWeights>)),
        nameof(TokenLookupTableSummaryOfNeuron) => BuildTokenLookupTable(o),
        _ => throw new NotSupportedException(o.Schema.Name),
    };

    private static ActivationRecord BuildActivationRecord(RecordObject o)
    {
        var tokens = o.Read("tokens", JsonIn.Strings);
        var activations = o.Read("activations", JsonIn.Doubles);
        SameLength(o, "tokens", tokens.Count, "activations", activations.Count);
        return new ActivationRecord(tokens, activations);
    }

    private static NeuronRecord BuildNeuronRecord(RecordObject o)
    {
        static IReadOnlyList<ActivationRecord> Records(JsonElement e, string p) => JsonIn.List(e, p, Read<ActivationRecord>);
        return new NeuronRecord(
            o.Read("neuron_id", Read<NeuronId>),
            o.Read("random_sample", Records, []),
            o.Read("random_sample_by_quantile", (e, p) => JsonIn.NullableList(e, p, Records), null),
            o.Read("quantile_boundaries", (e, p) => JsonIn.NullableList(e, p, JsonIn.Double), null),
            o.Read("mean", JsonIn.Double, double.NaN),
            o.Read("variance", JsonIn.Double, double.NaN),
            o.Read("skewness", JsonIn.Double, double.NaN),
            o.Read("kurtosis", JsonIn.Double, double.NaN),
            o.Read("most_positive_activation_records", Records, []));
    }

    private static SequenceSimulation BuildSequenceSimulation(RecordObject o)
    {
        static IReadOnlyList<IReadOnlyList<double>> Nested(JsonElement e, string p) => JsonIn.List(e, p, JsonIn.Doubles);
        var tokens = o.Read("tokens", JsonIn.Strings);
        var expected = o.Read("expected_activations", JsonIn.Doubles);
        var scaleText = o.Read("activation_scale", JsonIn.String);
        var scale = ActivationScaleNames.FromJson(scaleText) ?? throw new OpenAiFormatException(
            $"SequenceSimulation has an unknown activation_scale '{scaleText}'; expected '{ActivationScaleNames.NeuronActivations}' " +
            $"or '{ActivationScaleNames.SimulatedNormalizedActivations}'", o.PathOf("activation_scale"));
        var values = o.Read("distribution_values", Nested);
        var probabilities = o.Read("distribution_probabilities", Nested);
        SameLength(o, "tokens", tokens.Count, "expected_activations", expected.Count);
        SameLength(o, "distribution_values", values.Count, "distribution_probabilities", probabilities.Count);
        if (values.Count != 0)
            SameLength(o, "tokens", tokens.Count, "distribution_values", values.Count);
        for (var i = 0; i < values.Count; i++)
        {
            if (values[i].Count != probabilities[i].Count)
                throw new OpenAiFormatException(
                    $"SequenceSimulation token {i} has {values[i].Count} distribution values but {probabilities[i].Count} probabilities", o.Path);
        }

        var uncalibrated = o.Read("uncalibrated_simulation", (e, p) => e.ValueKind == JsonValueKind.Null ? null : Read<SequenceSimulation>(e, p), null);
        return new SequenceSimulation(tokens, expected, scale, values, probabilities, uncalibrated);
    }

    private static ScoredSequenceSimulation BuildScoredSequenceSimulation(RecordObject o)
    {
        var simulation = o.Read("simulation", Read<SequenceSimulation>);
        var truth = o.Read("true_activations", JsonIn.Doubles);
        SameLength(o, "simulation.expected_activations", simulation.ExpectedActivations.Count, "true_activations", truth.Count);
        return new ScoredSequenceSimulation(
            simulation,
            truth,
            o.Read("ev_correlation_score", JsonIn.Double),
            o.Read("rsquared_score", JsonIn.NullableDouble, null),
            o.Read("absolute_dev_explained_score", JsonIn.NullableDouble, null));
    }

    private static TokensAndWeights BuildTokensAndWeights(RecordObject o)
    {
        var tokens = o.Read("tokens", JsonIn.Strings);
        var strengths = o.Read("strengths", JsonIn.Doubles);
        SameLength(o, "tokens", tokens.Count, "strengths", strengths.Count);
        return new TokensAndWeights(tokens, strengths);
    }

    private static TokenLookupTableSummaryOfNeuron BuildTokenLookupTable(RecordObject o)
    {
        var tokens = o.Read("tokens", JsonIn.Strings);
        var averages = o.Read("average_activations", JsonIn.Doubles);
        SameLength(o, "tokens", tokens.Count, "average_activations", averages.Count);
        return new TokenLookupTableSummaryOfNeuron(tokens, averages);
    }

    private static void SameLength(RecordObject o, string firstKey, int first, string secondKey, int second)
    {
        if (first != second)
            throw new OpenAiFormatException($"{o.Schema.Name} has {first} {firstKey} but {second} {secondKey}; they must have the same length", o.Path);
    }
}
