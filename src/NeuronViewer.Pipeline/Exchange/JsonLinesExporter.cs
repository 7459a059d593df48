using System.Text.Json;
using System.Text.Json.Serialization;
using NeuronViewer.Core.Json;
using NeuronViewer.Storage;

namespace NeuronViewer.Pipeline.Exchange;

/// <summary>
/// Exports everything stored as one JSON-lines file, one object per line with a <c>kind</c>: run, neuron (the OpenAI NeuronRecord
/// under <c>record</c>), related_tokens, explanation, score (the OpenAI ScoredSimulation under <c>scored_simulation</c>), ablation_score.
/// Later kinds (e.g. ratings) add their own lines.
/// </summary>
public sealed class JsonLinesExporter(NeuronViewerStore store)
{
    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };

    /// <summary>Writes the export to a stream (for example an HTTP response); returns the number of lines.</summary>
    public int Write(Stream output, CancellationToken cancellationToken = default)
    {
        var lines = 0;
        using var writer = new Utf8JsonWriter(output);
        void Line(string kind, object? value, params (string Name, string Json)[] raw)
        {
            writer.Reset();
            writer.WriteStartObject();
            writer.WriteString("kind", kind);
            if (value is not null)
            {
                foreach (var property in JsonSerializer.SerializeToElement(value, value.GetType(), Options).EnumerateObject())
                    property.WriteTo(writer);
            }
            foreach (var (name, json) in raw)
            {
                writer.WritePropertyName(name);
                writer.WriteRawValue(json, skipInputValidation: true);
            }
            writer.WriteEndObject();
            writer.Flush();
            output.WriteByte((byte)'\n');
            lines++;
        }

        foreach (var run in store.Runs.List().Reverse())
            Line("run", run);
        foreach (var row in store.Summaries.All())
        {
            cancellationToken.ThrowIfCancellationRequested();
            var neuron = row.Neuron;
            if (store.Records.Get(neuron) is { } stored)
                Line("neuron", new { layer = neuron.LayerIndex, index = neuron.NeuronIndex, run = stored.RunId }, ("record", OpenAiJson.Serialize(stored.Record)));
            if (store.Records.GetRelatedTokens(neuron) is { } related)
            {
                var parts = new List<(string, string)>();
                if (related.LookupTable is not null)
                    parts.Add(("token_lookup_table", OpenAiJson.Serialize(related.LookupTable)));
                if (related.WeightBased is not null)
                    parts.Add(("weight_based", OpenAiJson.Serialize(related.WeightBased)));
                Line("related_tokens", new { layer = neuron.LayerIndex, index = neuron.NeuronIndex }, [.. parts]);
            }
            foreach (var explanation in store.Explanations.ForNeuron(neuron))
                Line("explanation", explanation);
            foreach (var score in store.Scores.ForNeuron(neuron, withSimulations: true))
            {
                var simulation = score.Simulation!;
                score.Simulation = null;
                Line("score", score, ("scored_simulation", OpenAiJson.Serialize(simulation)));
            }
            foreach (var ablation in store.Ablations.ForNeuron(neuron))
                Line("ablation_score", ablation);
        }
        return lines;
    }

    /// <summary>Writes the export to a file through a temporary file and a rename, so a failed export leaves no partial file.</summary>
    public int WriteFile(string path, CancellationToken cancellationToken = default)
    {
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        var temp = full + $".tmp-{Guid.NewGuid():N}";
        try
        {
            int lines;
            using (var file = File.Create(temp))
                lines = Write(file, cancellationToken);
            File.Move(temp, full, overwrite: true);
            return lines;
        }
        finally
        {
            File.Delete(temp);
        }
    }
}
