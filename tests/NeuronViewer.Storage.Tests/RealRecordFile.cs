using NeuronViewer.Core.Json;
using NeuronViewer.Core.Records;

namespace NeuronViewer.Storage.Tests;

/// <summary>The real GPT-2 XL NeuronRecord released with the paper (from shared/, MIT via apartresearch/deepdecipher), read with Core's OpenAI JSON reader.</summary>
public static class RealRecordFile
{
    /// <summary>The file under the nearest ancestor folder holding shared/ (CI puts shared/ beside the clone).</summary>
    public static string Path
    {
        get
        {
            const string relative = "shared/data/openai-neuron-explainer/gpt2-xl_collated-activations_layer1_neuron1.json";
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                var path = System.IO.Path.Combine(dir.FullName, relative);
                if (File.Exists(path))
                    return path;
            }
            Assert.Fail($"The real NeuronRecord ({relative}) was not found in any folder above {AppContext.BaseDirectory}.");
            return "";
        }
    }

    public static NeuronRecord Read() => OpenAiJson.Deserialize<NeuronRecord>(File.ReadAllBytes(Path));
}
