using System.Text.Json;
using NeuronViewer.Core.Records;

namespace NeuronViewer.Storage.Tests;

/// <summary>
/// Reads the real GPT-2 XL NeuronRecord released with the paper (from ../shared, MIT via apartresearch/deepdecipher)
/// with System.Text.Json, only to feed storage tests; the project's OpenAI JSON reader lives in Core.
/// </summary>
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

    public static NeuronRecord Read()
    {
        using var json = JsonDocument.Parse(File.ReadAllBytes(Path));
        var root = json.RootElement;
        var id = root.GetProperty("neuron_id");
        return new NeuronRecord(
            new NeuronId(id.GetProperty("layer_index").GetInt32(), id.GetProperty("neuron_index").GetInt32()),
            Group(root.GetProperty("random_sample")),
            root.GetProperty("random_sample_by_quantile").EnumerateArray().Select(g => (IReadOnlyList<ActivationRecord>)Group(g)).ToArray(),
            Numbers(root.GetProperty("quantile_boundaries")),
            Number(root.GetProperty("mean")),
            Number(root.GetProperty("variance")),
            Number(root.GetProperty("skewness")),
            Number(root.GetProperty("kurtosis")),
            Group(root.GetProperty("most_positive_activation_records")));
    }

    private static ActivationRecord[] Group(JsonElement array) => array.EnumerateArray()
        .Select(r => new ActivationRecord(
            r.GetProperty("tokens").EnumerateArray().Select(t => t.GetString()!).ToArray(), Numbers(r.GetProperty("activations"))))
        .ToArray();

    private static double[] Numbers(JsonElement array) => array.EnumerateArray().Select(Number).ToArray();

    private static double Number(JsonElement value) => value.ValueKind == JsonValueKind.Null ? double.NaN : value.GetDouble();
}
