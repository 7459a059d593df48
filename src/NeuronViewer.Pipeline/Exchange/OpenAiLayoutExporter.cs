using System.Text;
using NeuronViewer.Core.Json;
using NeuronViewer.Core.Records;
using NeuronViewer.Storage;
using NeuronViewer.Storage.Scores;

namespace NeuronViewer.Pipeline.Exchange;

/// <summary>
/// Exports in OpenAI's public-dataset layout (spec §14): <c>collated-activations/{layer}/{neuron}.json</c>,
/// <c>explanations/{layer}/{neuron}.jsonl</c> (scored explanations, best first, top-and-random scores) and
/// <c>related-tokens/{activation-based|weight-based}/{layer}/{neuron}.json</c>.
/// </summary>
public sealed class OpenAiLayoutExporter(NeuronViewerStore store)
{
    private static readonly UTF8Encoding Utf8 = new(false);

    /// <summary>What was written.</summary>
    public sealed record Report(int Records, int ExplanationFiles, int RelatedTokenFiles);

    /// <summary>Writes into a new folder (it must not exist or be empty), built beside it and moved into place at the end.</summary>
    public Report Write(string folder, CancellationToken cancellationToken = default)
    {
        var target = Path.GetFullPath(folder);
        if (Directory.Exists(target) && Directory.EnumerateFileSystemEntries(target).Any())
            throw new IOException($"The export folder '{target}' is not empty; choose a new folder.");
        var temp = target.TrimEnd(Path.DirectorySeparatorChar) + $".tmp-{Guid.NewGuid():N}";
        try
        {
            var report = WriteInto(temp, cancellationToken);
            if (Directory.Exists(target))
                Directory.Delete(target);
            Directory.Move(temp, target);
            return report;
        }
        finally
        {
            if (Directory.Exists(temp))
                Directory.Delete(temp, recursive: true);
        }
    }

    private Report WriteInto(string root, CancellationToken cancellationToken)
    {
        var (records, explanations, related) = (0, 0, 0);
        foreach (var row in store.Summaries.All())
        {
            cancellationToken.ThrowIfCancellationRequested();
            var neuron = row.Neuron;
            if (store.Records.Get(neuron) is { } stored)
            {
                Save(root, "collated-activations", neuron, ".json", OpenAiJson.Serialize(stored.Record));
                records++;
            }
            if (Results(neuron) is { } results)
            {
                Save(root, "explanations", neuron, ".jsonl", JsonLines.Write([results]));
                explanations++;
            }
            if (store.Records.GetRelatedTokens(neuron) is { } tokens)
            {
                if (tokens.LookupTable is not null)
                    Save(root, "related-tokens/activation-based", neuron, ".json", OpenAiJson.Serialize(tokens.LookupTable));
                if (tokens.WeightBased is not null)
                    Save(root, "related-tokens/weight-based", neuron, ".json", OpenAiJson.Serialize(tokens.WeightBased));
                related++;
            }
        }
        Directory.CreateDirectory(root);
        return new Report(records, explanations, related);
    }

    /// <summary>The neuron's non-control explanations that have a top-and-random score (the latest), best first.</summary>
    private NeuronSimulationResults? Results(NeuronId neuron)
    {
        var scored = store.Explanations.ForNeuron(neuron)
            .Where(e => !e.IsControl)
            .Select(e => (e.Text, Score: store.Scores.ForExplanation(e.Id, withSimulations: true)
                .Where(s => s.Set == EvaluationSet.TopAndRandom).MaxBy(s => s.Id)))
            .Where(x => x.Score is not null)
            .OrderByDescending(x => x.Score!.EvCorrelationScore is { } v && double.IsFinite(v) ? v : double.NegativeInfinity)
            .Select(x => new ScoredExplanation(x.Text, x.Score!.Simulation!))
            .ToList();
        return scored.Count == 0 ? null : new NeuronSimulationResults(neuron, scored);
    }

    private static void Save(string root, string kind, NeuronId neuron, string extension, string text)
    {
        var path = Path.Combine(root, kind, neuron.LayerIndex.ToString(System.Globalization.CultureInfo.InvariantCulture),
            neuron.NeuronIndex.ToString(System.Globalization.CultureInfo.InvariantCulture) + extension);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text, Utf8);
    }
}
