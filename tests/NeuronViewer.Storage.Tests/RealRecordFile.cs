using NeuronViewer.Core.Json;
using NeuronViewer.Core.Records;

namespace NeuronViewer.Storage.Tests;

/// <summary>The real GPT-2 XL NeuronRecord released with the paper (linked from NeuronViewer.Core.Tests/Data), read with Core's OpenAI JSON reader.</summary>
public static class RealRecordFile
{
    public static string Path => System.IO.Path.Combine(AppContext.BaseDirectory, "Data", "gpt2-xl_collated-activations_layer1_neuron1.json");

    public static NeuronRecord Read() => OpenAiJson.Deserialize<NeuronRecord>(File.ReadAllBytes(Path));
}
