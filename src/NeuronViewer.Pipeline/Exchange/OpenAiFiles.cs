using System.Text;
using NeuronViewer.Core.Json;
using NeuronViewer.Core.Records;

namespace NeuronViewer.Pipeline.Exchange;

/// <summary>Reads one file of the OpenAI public layout (a NeuronRecord <c>.json</c> or a <c>.jsonl</c> of NeuronSimulationResults) and checks what the format does not.</summary>
internal static class OpenAiFiles
{
    /// <summary>A parsed file: a record, or the explanation lines.</summary>
    public sealed record Content(NeuronRecord? Record, IReadOnlyList<NeuronSimulationResults> Explanations, NeuronId? Neuron = null,
        TokenLookupTableSummaryOfNeuron? LookupTable = null, WeightBasedSummaryOfNeuron? WeightBased = null);

    /// <summary>Parses and checks a file; any problem is an InvalidDataException whose message starts with the file name.</summary>
    public static Content Read(ImportFile file, ImportOptions options)
    {
        if (file.Length > options.MaxFileBytes)
            throw Problem(file, $"is {file.Length:N0} bytes; the limit is {options.MaxFileBytes:N0}");
        string text;
        using (var stream = file.Open())
        using (var reader = new StreamReader(stream, new UTF8Encoding(false, true)))
        {
            try
            {
                text = reader.ReadToEnd();
            }
            catch (DecoderFallbackException)
            {
                throw Problem(file, "is not UTF-8 text");
            }
        }
        try
        {
            if (file.Kind is ImportKind.TokenLookupTable or ImportKind.WeightBasedTokens)
                return RelatedTokens(file, text);
            if (file.Kind == ImportKind.Explanations)
            {
                var lines = JsonLines.Read<NeuronSimulationResults>(text);
                if (lines.Count == 0)
                    throw Problem(file, "has no explanation lines");
                foreach (var line in lines)
                    Check(file, line);
                return new Content(null, lines);
            }
            var record = OpenAiJson.Deserialize<NeuronRecord>(text);
            Check(file, record);
            return new Content(record, []);
        }
        catch (OpenAiFormatException e)
        {
            throw Problem(file, e.Message);
        }
    }

    private static Content RelatedTokens(ImportFile file, string text)
    {
        if (file.NeuronFromPath is not { } path)
            throw Problem(file, "is a related-tokens file whose path does not end in {layer}/{neuron}.json");
        var neuron = new NeuronId(path.Layer, path.Neuron);
        if (file.Kind == ImportKind.TokenLookupTable)
        {
            var table = OpenAiJson.Deserialize<TokenLookupTableSummaryOfNeuron>(text);
            return table.Tokens.Count == table.AverageActivations.Count
                ? new Content(null, [], neuron, LookupTable: table)
                : throw Problem(file, $"has {table.Tokens.Count} tokens but {table.AverageActivations.Count} average activations");
        }
        var weights = OpenAiJson.Deserialize<WeightBasedSummaryOfNeuron>(text);
        foreach (var part in new[] { weights.InputPositive, weights.InputNegative, weights.OutputPositive, weights.OutputNegative })
        {
            if (part.Tokens.Count != part.Strengths.Count || part.Strengths.Any(s => !double.IsFinite(s)))
                throw Problem(file, "has a token list whose strengths differ in number or are not finite numbers");
        }
        return new Content(null, [], neuron, WeightBased: weights);
    }

    private static void Check(ImportFile file, NeuronRecord record)
    {
        CheckNeuron(file, record.NeuronId);
        var groups = new[] { ("most_positive_activation_records", record.MostPositiveActivationRecords), ("random_sample", record.RandomSample) }
            .Concat((record.RandomSampleByQuantile ?? []).Select((g, i) => ($"random_sample_by_quantile[{i}]", g)));
        foreach (var (name, group) in groups)
        {
            for (var i = 0; i < group.Count; i++)
            {
                var bad = group[i].Activations.ToList().FindIndex(a => !double.IsFinite(a));
                if (bad >= 0)
                    throw Problem(file, $"{name}[{i}].activations[{bad}] is not a finite number");
            }
        }
        if (record.RandomSampleByQuantile is { } buckets && (record.QuantileBoundaries is null || record.QuantileBoundaries.Count != buckets.Count + 1))
            throw Problem(file, $"has {buckets.Count} quantile buckets but {record.QuantileBoundaries?.Count ?? 0} quantile boundaries; expected {buckets.Count + 1}");
    }

    private static void Check(ImportFile file, NeuronSimulationResults results)
    {
        CheckNeuron(file, results.NeuronId);
        for (var e = 0; e < results.ScoredExplanations.Count; e++)
        {
            var scored = results.ScoredExplanations[e];
            if (string.IsNullOrWhiteSpace(scored.Explanation))
                throw Problem(file, $"explanation {e} of neuron {results.NeuronId} is empty");
            var sequences = scored.ScoredSimulation.ScoredSequenceSimulations;
            for (var s = 0; s < sequences.Count; s++)
            {
                if (sequences[s].TrueActivations.Any(a => !double.IsFinite(a)) || sequences[s].Simulation.ExpectedActivations.Any(a => !double.IsFinite(a)))
                    throw Problem(file, $"explanation {e} of neuron {results.NeuronId}, sequence {s} has an activation that is not a finite number");
                if (sequences[s].TrueActivations.Count != sequences[s].Simulation.Tokens.Count)
                    throw Problem(file, $"explanation {e} of neuron {results.NeuronId}, sequence {s} has {sequences[s].Simulation.Tokens.Count} tokens but {sequences[s].TrueActivations.Count} true activations");
            }
        }
    }

    private static void CheckNeuron(ImportFile file, NeuronId id)
    {
        if (id.LayerIndex < 0 || id.NeuronIndex < 0)
            throw Problem(file, $"names neuron {id}: layer and index must be 0 or more");
        if (file.NeuronFromPath is { } path && (path.Layer, path.Neuron) != (id.LayerIndex, id.NeuronIndex))
            throw Problem(file, $"holds neuron {id} but its path names {path.Layer}:{path.Neuron}");
    }

    private static InvalidDataException Problem(ImportFile file, string what) => new($"{file.Name}: {what}");
}
