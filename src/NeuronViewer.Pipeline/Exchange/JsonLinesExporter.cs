using System.Text.Json;
using System.Text.Json.Serialization;
using NeuronViewer.Core.Json;
using NeuronViewer.Storage;
using NeuronViewer.Storage.Rating;

namespace NeuronViewer.Pipeline.Exchange;

/// <summary>
/// Exports everything stored as one JSON-lines file, one object per line with a <c>kind</c>: run, neuron (the OpenAI NeuronRecord
/// under <c>record</c>), related_tokens, explanation, score (the OpenAI ScoredSimulation under <c>scored_simulation</c>), ablation_score,
/// and per rating study: study, rating_task, rating (every revision).
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
        using var lines = new LineWriter(output);
        foreach (var run in store.Runs.List().Reverse())
            lines.Line("run", run);
        foreach (var row in store.Summaries.All())
        {
            cancellationToken.ThrowIfCancellationRequested();
            var neuron = row.Neuron;
            if (store.Records.Get(neuron) is { } stored)
                lines.Line("neuron", new { layer = neuron.LayerIndex, index = neuron.NeuronIndex, run = stored.RunId }, ("record", OpenAiJson.Serialize(stored.Record)));
            if (store.Records.GetRelatedTokens(neuron) is { } related)
            {
                var parts = new List<(string, string)>();
                if (related.LookupTable is not null)
                    parts.Add(("token_lookup_table", OpenAiJson.Serialize(related.LookupTable)));
                if (related.WeightBased is not null)
                    parts.Add(("weight_based", OpenAiJson.Serialize(related.WeightBased)));
                lines.Line("related_tokens", new { layer = neuron.LayerIndex, index = neuron.NeuronIndex }, [.. parts]);
            }
            foreach (var explanation in store.Explanations.ForNeuron(neuron))
                lines.Line("explanation", explanation);
            foreach (var score in store.Scores.ForNeuron(neuron, withSimulations: true))
            {
                var simulation = score.Simulation!;
                score.Simulation = null;
                lines.Line("score", score, ("scored_simulation", OpenAiJson.Serialize(simulation)));
            }
            foreach (var ablation in store.Ablations.ForNeuron(neuron))
                lines.Line("ablation_score", ablation);
        }
        foreach (var study in store.Studies.List().Reverse())
            WriteStudy(lines, study, cancellationToken);
        return lines.Count;
    }

    /// <summary>
    /// Writes one rating study: a <c>study</c> line, a <c>rating_task</c> line per task (neuron, candidates with sources) and a
    /// <c>rating</c> line per submitted revision (<c>is_current</c> marks the latest); returns the number of lines.
    /// </summary>
    public int WriteStudy(Stream output, long studyId, CancellationToken cancellationToken = default)
    {
        var study = store.Studies.Get(studyId) ?? throw new StorageException($"Study {studyId} does not exist.");
        using var lines = new LineWriter(output);
        WriteStudy(lines, study, cancellationToken);
        return lines.Count;
    }

    private void WriteStudy(LineWriter lines, Study study, CancellationToken cancellationToken)
    {
        lines.Line("study", study);
        foreach (var task in store.RatingTasks.ForStudy(study.Id))
            lines.Line("rating_task", task);
        foreach (var rating in store.Ratings.AllForStudy(study.Id))
        {
            cancellationToken.ThrowIfCancellationRequested();
            lines.Line("rating", rating);
        }
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

    /// <summary>Writes one JSON object per line with its <c>kind</c> first, counting lines.</summary>
    private sealed class LineWriter(Stream output) : IDisposable
    {
        private readonly Utf8JsonWriter writer = new(output);

        public int Count { get; private set; }

        public void Line(string kind, object? value, params (string Name, string Json)[] raw)
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
            Count++;
        }

        public void Dispose() => writer.Dispose();
    }
}
