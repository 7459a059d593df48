using NeuronViewer.Core.Records;

namespace NeuronViewer.Core.Json;

/// <summary>One registered record type: its <c>dataclass_name</c>, its JSON keys in declaration order, and which keys are required.</summary>
internal sealed record RecordSchema(string Name, Type Type, IReadOnlyList<string> Fields, IReadOnlySet<string> Required)
{
    public bool HasExactFields(IReadOnlyCollection<string> keys) => keys.Count == Fields.Count && Fields.All(keys.Contains);
}

/// <summary>The registry of record types, in the reference's registration order (spec §2.1, §2.2).</summary>
internal static class RecordSchemas
{
    public const string DiscriminatorKey = "dataclass_name";

    public static readonly RecordSchema ActivationRecord = Make<ActivationRecord>(["tokens", "activations"]);
    public static readonly RecordSchema NeuronId = Make<NeuronId>(["layer_index", "neuron_index"]);

    public static readonly RecordSchema NeuronRecord = Make<NeuronRecord>(
        ["neuron_id", "random_sample", "random_sample_by_quantile", "quantile_boundaries", "mean", "variance", "skewness",
            "kurtosis", "most_positive_activation_records"],
        required: ["neuron_id"]);

    public static readonly RecordSchema SequenceSimulation = Make<SequenceSimulation>(
        ["tokens", "expected_activations", "activation_scale", "distribution_values", "distribution_probabilities",
            "uncalibrated_simulation"],
        required: ["tokens", "expected_activations", "activation_scale", "distribution_values", "distribution_probabilities"]);

    public static readonly RecordSchema ScoredSequenceSimulation = Make<ScoredSequenceSimulation>(
        ["simulation", "true_activations", "ev_correlation_score", "rsquared_score", "absolute_dev_explained_score"],
        required: ["simulation", "true_activations", "ev_correlation_score"]);

    public static readonly RecordSchema ScoredSimulation = Make<ScoredSimulation>(
        ["scored_sequence_simulations", "ev_correlation_score", "rsquared_score", "absolute_dev_explained_score"],
        required: ["scored_sequence_simulations"]);

    public static readonly RecordSchema ScoredExplanation = Make<ScoredExplanation>(["explanation", "scored_simulation"]);
    public static readonly RecordSchema NeuronSimulationResults = Make<NeuronSimulationResults>(["neuron_id", "scored_explanations"]);
    public static readonly RecordSchema TokensAndWeights = Make<TokensAndWeights>(["tokens", "strengths"]);

    public static readonly RecordSchema WeightBasedSummaryOfNeuron = Make<WeightBasedSummaryOfNeuron>(
        ["input_positive", "input_negative", "output_positive", "output_negative"]);

    public static readonly RecordSchema TokenLookupTableSummaryOfNeuron = Make<TokenLookupTableSummaryOfNeuron>(
        ["tokens", "average_activations"]);

    /// <summary>All registered types, in registration order.</summary>
    public static readonly IReadOnlyList<RecordSchema> All =
    [
        ActivationRecord, NeuronId, NeuronRecord, SequenceSimulation, ScoredSequenceSimulation, ScoredSimulation,
        ScoredExplanation, NeuronSimulationResults, TokensAndWeights, WeightBasedSummaryOfNeuron, TokenLookupTableSummaryOfNeuron,
    ];

    private static readonly Dictionary<string, RecordSchema> ByNameMap = All.ToDictionary(s => s.Name, StringComparer.Ordinal);
    private static readonly Dictionary<Type, RecordSchema> ByTypeMap = All.ToDictionary(s => s.Type);

    public static RecordSchema? ByName(string name) => ByNameMap.GetValueOrDefault(name);

    public static RecordSchema ForType(Type type) =>
        ByTypeMap.TryGetValue(type, out var schema)
            ? schema
            : throw new NotSupportedException(
                $"{type.Name} is not a record of the OpenAI format; registered types are: {string.Join(", ", All.Select(s => s.Name))}.");

    /// <summary>The registered type whose field set equals these keys exactly (the fallback when <c>dataclass_name</c> is missing; D11 fixed: no subset matching).</summary>
    public static RecordSchema? ByExactFields(IReadOnlyCollection<string> keys) => All.FirstOrDefault(s => s.HasExactFields(keys));

    private static RecordSchema Make<T>(string[] fields, string[]? required = null) =>
        new(typeof(T).Name, typeof(T), fields, new HashSet<string>(required ?? fields, StringComparer.Ordinal));
}
