using System.Globalization;
using System.Text.Json;
using NeuronViewer.Core.Records;

namespace NeuronViewer.Benchmarks.Storage;

/// <summary>The approximate size of a record in OpenAI's JSON layout (tokens and activations written as Python would), for comparison only.</summary>
internal static class JsonEstimate
{
    public static long Bytes(NeuronRecord record)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartArray();
            var groups = new[] { record.MostPositiveActivationRecords, record.RandomSample }.Concat(record.RandomSampleByQuantile ?? []);
            foreach (var excerpt in groups.SelectMany(g => g))
            {
                writer.WriteStartObject();
                writer.WriteString("dataclass_name", "ActivationRecord");
                writer.WriteStartArray("tokens");
                foreach (var token in excerpt.Tokens)
                    writer.WriteStringValue(token);
                writer.WriteEndArray();
                writer.WriteStartArray("activations");
                foreach (var value in excerpt.Activations)
                    writer.WriteRawValue(value.ToString("R", CultureInfo.InvariantCulture));
                writer.WriteEndArray();
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
        }
        return stream.Length;
    }
}
