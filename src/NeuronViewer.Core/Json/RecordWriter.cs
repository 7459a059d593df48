using NeuronViewer.Core.Records;

namespace NeuronViewer.Core.Json;

/// <summary>Writes each registered record with its keys in the reference's declaration order (see <see cref="RecordSchemas"/>).</summary>
internal static class RecordWriter
{
    public static void Write(JsonOut w, object record)
    {
        switch (record)
        {
            case ActivationRecord r: Write(w, r); break;
            case NeuronId r: Write(w, r); break;
            case NeuronRecord r: Write(w, r); break;
            case SequenceSimulation r: Write(w, r); break;
            case ScoredSequenceSimulation r: Write(w, r); break;
            case ScoredSimulation r: Write(w, r); break;
            case ScoredExplanation r: Write(w, r); break;
            case NeuronSimulationResults r: Write(w, r); break;
            case TokensAndWeights r: Write(w, r); break;
            case WeightBasedSummaryOfNeuron r: Write(w, r); break;
            case TokenLookupTableSummaryOfNeuron r: Write(w, r); break;
            default: throw new NotSupportedException(RecordSchemas.ForType(record.GetType()).Name);
        }
    }

    private static void Write(JsonOut w, ActivationRecord r) =>
        w.BeginRecord(nameof(ActivationRecord)).Key("tokens").Strings(r.Tokens).Key("activations").Numbers(r.Activations).EndRecord();

    private static void Write(JsonOut w, NeuronId r) =>
        w.BeginRecord(nameof(NeuronId)).Key("layer_index").Integer(r.LayerIndex).Key("neuron_index").Integer(r.NeuronIndex).EndRecord();

    private static void Write(JsonOut w, NeuronRecord r)
    {
        w.BeginRecord(nameof(NeuronRecord)).Key("neuron_id");
        Write(w, r.NeuronId);
        w.Key("random_sample").Array(r.RandomSample, Write);
        w.Key("random_sample_by_quantile");
        if (r.RandomSampleByQuantile is null)
            w.Null();
        else
            w.Array(r.RandomSampleByQuantile, static (w2, bin) => w2.Array(bin, Write));
        w.Key("quantile_boundaries");
        if (r.QuantileBoundaries is null)
            w.Null();
        else
            w.Numbers(r.QuantileBoundaries);
        w.Key("mean").Number(r.Mean).Key("variance").Number(r.Variance).Key("skewness").Number(r.Skewness)
            .Key("kurtosis").Number(r.Kurtosis)
            .Key("most_positive_activation_records").Array(r.MostPositiveActivationRecords, Write)
            .EndRecord();
    }

    private static void Write(JsonOut w, SequenceSimulation r)
    {
        w.BeginRecord(nameof(SequenceSimulation))
            .Key("tokens").Strings(r.Tokens)
            .Key("expected_activations").Numbers(r.ExpectedActivations)
            .Key("activation_scale").String(ActivationScaleNames.ToJson(r.ActivationScale))
            .Key("distribution_values").Array(r.DistributionValues, static (w2, v) => w2.Numbers(v))
            .Key("distribution_probabilities").Array(r.DistributionProbabilities, static (w2, v) => w2.Numbers(v))
            .Key("uncalibrated_simulation");
        if (r.UncalibratedSimulation is null)
            w.Null();
        else
            Write(w, r.UncalibratedSimulation);
        w.EndRecord();
    }

    private static void Write(JsonOut w, ScoredSequenceSimulation r)
    {
        w.BeginRecord(nameof(ScoredSequenceSimulation)).Key("simulation");
        Write(w, r.Simulation);
        w.Key("true_activations").Numbers(r.TrueActivations)
            .Key("ev_correlation_score").Number(r.EvCorrelationScore)
            .Key("rsquared_score").Number(r.RsquaredScore)
            .Key("absolute_dev_explained_score").Number(r.AbsoluteDevExplainedScore)
            .EndRecord();
    }

    private static void Write(JsonOut w, ScoredSimulation r) =>
        w.BeginRecord(nameof(ScoredSimulation))
            .Key("scored_sequence_simulations").Array(r.ScoredSequenceSimulations, Write)
            .Key("ev_correlation_score").Number(r.EvCorrelationScore)
            .Key("rsquared_score").Number(r.RsquaredScore)
            .Key("absolute_dev_explained_score").Number(r.AbsoluteDevExplainedScore)
            .EndRecord();

    private static void Write(JsonOut w, ScoredExplanation r)
    {
        w.BeginRecord(nameof(ScoredExplanation)).Key("explanation").String(r.Explanation).Key("scored_simulation");
        Write(w, r.ScoredSimulation);
        w.EndRecord();
    }

    private static void Write(JsonOut w, NeuronSimulationResults r)
    {
        w.BeginRecord(nameof(NeuronSimulationResults)).Key("neuron_id");
        Write(w, r.NeuronId);
        w.Key("scored_explanations").Array(r.ScoredExplanations, Write).EndRecord();
    }

    private static void Write(JsonOut w, TokensAndWeights r) =>
        w.BeginRecord(nameof(TokensAndWeights)).Key("tokens").Strings(r.Tokens).Key("strengths").Numbers(r.Strengths).EndRecord();

    private static void Write(JsonOut w, WeightBasedSummaryOfNeuron r)
    {
        w.BeginRecord(nameof(WeightBasedSummaryOfNeuron)).Key("input_positive");
        Write(w, r.InputPositive);
        w.Key("input_negative");
        Write(w, r.InputNegative);
        w.Key("output_positive");
        Write(w, r.OutputPositive);
        w.Key("output_negative");
        Write(w, r.OutputNegative);
        w.EndRecord();
    }

    private static void Write(JsonOut w, TokenLookupTableSummaryOfNeuron r) =>
        w.BeginRecord(nameof(TokenLookupTableSummaryOfNeuron))
            .Key("tokens").Strings(r.Tokens).Key("average_activations").Numbers(r.AverageActivations).EndRecord();
}
