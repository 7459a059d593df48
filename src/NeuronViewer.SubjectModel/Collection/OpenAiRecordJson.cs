using System.Text.Encodings.Web;
using System.Text.Json;
using NeuronViewer.Core.Records;

namespace NeuronViewer.SubjectModel.Collection;

/// <summary>
/// Writes a NeuronRecord and a token look-up table in OpenAI's JSON layout (spec §2): <c>dataclass_name</c> first, snake_case
/// keys, non-ASCII unescaped, NaN and ±∞ as null. Only what the collection file writer needs.
/// </summary>
internal static class OpenAiRecordJson
{
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static byte[] NeuronRecord(NeuronRecord r)
    {
        using var ms = new MemoryStream();
        using (var w = new Utf8JsonWriter(ms, Options))
        {
            w.WriteStartObject();
            w.WriteString("dataclass_name", "NeuronRecord");
            w.WritePropertyName("neuron_id");
            w.WriteStartObject();
            w.WriteString("dataclass_name", "NeuronId");
            w.WriteNumber("layer_index", r.NeuronId.LayerIndex);
            w.WriteNumber("neuron_index", r.NeuronId.NeuronIndex);
            w.WriteEndObject();
            Records(w, "random_sample", r.RandomSample);
            w.WritePropertyName("random_sample_by_quantile");
            if (r.RandomSampleByQuantile is null) w.WriteNullValue();
            else
            {
                w.WriteStartArray();
                foreach (var bucket in r.RandomSampleByQuantile) Records(w, null, bucket);
                w.WriteEndArray();
            }
            w.WritePropertyName("quantile_boundaries");
            if (r.QuantileBoundaries is null) w.WriteNullValue();
            else Numbers(w, r.QuantileBoundaries);
            Number(w, "mean", r.Mean);
            Number(w, "variance", r.Variance);
            Number(w, "skewness", r.Skewness);
            Number(w, "kurtosis", r.Kurtosis);
            Records(w, "most_positive_activation_records", r.MostPositiveActivationRecords);
            w.WriteEndObject();
        }
        return ms.ToArray();
    }

    public static byte[] TokenLookup(TokenLookupTableSummaryOfNeuron t)
    {
        using var ms = new MemoryStream();
        using (var w = new Utf8JsonWriter(ms, Options))
        {
            w.WriteStartObject();
            w.WriteString("dataclass_name", "TokenLookupTableSummaryOfNeuron");
            w.WritePropertyName("tokens");
            w.WriteStartArray();
            foreach (var s in t.Tokens) w.WriteStringValue(s);
            w.WriteEndArray();
            w.WritePropertyName("average_activations");
            Numbers(w, t.AverageActivations);
            w.WriteEndObject();
        }
        return ms.ToArray();
    }

    private static void Records(Utf8JsonWriter w, string? name, IReadOnlyList<ActivationRecord> records)
    {
        if (name is not null) w.WritePropertyName(name);
        w.WriteStartArray();
        foreach (var r in records)
        {
            w.WriteStartObject();
            w.WriteString("dataclass_name", "ActivationRecord");
            w.WritePropertyName("tokens");
            w.WriteStartArray();
            foreach (var t in r.Tokens) w.WriteStringValue(t);
            w.WriteEndArray();
            w.WritePropertyName("activations");
            w.WriteStartArray();
            // Activations are fp32 values: write the shortest text that reads back as the same float.
            foreach (var a in r.Activations) w.WriteNumberValue((float)a);
            w.WriteEndArray();
            w.WriteEndObject();
        }
        w.WriteEndArray();
    }

    private static void Numbers(Utf8JsonWriter w, IEnumerable<double> values)
    {
        w.WriteStartArray();
        foreach (var v in values)
        {
            if (double.IsFinite(v)) w.WriteNumberValue(v);
            else w.WriteNullValue();
        }
        w.WriteEndArray();
    }

    private static void Number(Utf8JsonWriter w, string name, double v)
    {
        if (double.IsFinite(v)) w.WriteNumber(name, v);
        else w.WriteNull(name);
    }
}
