using NeuronViewer.Core.Json;
using NeuronViewer.Core.Records;

namespace NeuronViewer.Pipeline.Tests;

/// <summary>Files in the OpenAI public layout for import/export tests: the real GPT-2 XL record and explanation lines built on its excerpts.</summary>
public static class ExchangeData
{
    public static byte[] RealRecordBytes => File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Data", "gpt2-xl_collated-activations_layer1_neuron1.json"));

    public static NeuronRecord RealRecord => OpenAiJson.Deserialize<NeuronRecord>(RealRecordBytes);

    /// <summary>Two scored explanations of a neuron, on two excerpts of the real record, the second with the higher score.</summary>
    public static NeuronSimulationResults Results(NeuronId neuron, string prefix = "")
    {
        var excerpts = RealRecord.MostPositiveActivationRecords.Take(2).ToArray();
        ScoredExplanation Explained(string text, double score) => new(text, new ScoredSimulation(
            excerpts.Select(e => new ScoredSequenceSimulation(
                new SequenceSimulation(e.Tokens, e.Activations.Select(a => Math.Round(a * 3, 1)).ToArray(),
                    ActivationScale.SimulatedNormalizedActivations, [], []),
                e.Activations, score)).ToArray(),
            score, null, null));
        return new NeuronSimulationResults(neuron, [Explained(prefix + "tokens after 'the'", 0.25), Explained(prefix + "religious words", 0.5)]);
    }

    public static string ResultsLine(NeuronId neuron, string prefix = "") => JsonLines.Write([Results(neuron, prefix)]);

    /// <summary>A folder with files laid out as {layer}/{neuron}.json[l]; relative path → text.</summary>
    public static string Folder(params (string Path, string Text)[] files)
    {
        var root = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "nv-exchange-tests", Guid.NewGuid().ToString("N"));
        foreach (var (path, text) in files)
        {
            var full = System.IO.Path.Combine(root, path);
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
            File.WriteAllText(full, text);
        }
        return root;
    }
}
