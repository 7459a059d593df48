using NeuronViewer.SubjectModel.Model;
using TorchSharp;
using static TorchSharp.torch;

namespace NeuronViewer.SubjectModel.Checkpoints;

/// <summary>Loads a Hugging Face GPT-2 checkpoint folder (config.json + model.safetensors or pytorch_model.bin) as fp32 weights.</summary>
public static class CheckpointLoader
{
    /// <summary>Names of the weight files tried, in order.</summary>
    public static readonly string[] WeightFiles = ["model.safetensors", "pytorch_model.bin"];

    /// <summary>Loads the folder (or "bundled") onto the device; every problem is a <see cref="CheckpointException"/> with a one-line message.</summary>
    public static Gpt2Model Load(string folder, string device = "cpu")
    {
        var source = folder;
        if (string.Equals(folder, "bundled", StringComparison.OrdinalIgnoreCase)) folder = BundledAssets.ModelFolder;
        if (!Directory.Exists(folder)) throw new CheckpointException($"Model folder {folder} does not exist.");
        var configPath = Path.Combine(folder, "config.json");
        if (!File.Exists(configPath)) throw new CheckpointException($"{folder} is not a GPT-2 checkpoint: config.json is missing.");
        var config = Gpt2Config.Parse(File.ReadAllText(configPath), configPath);
        var weightsPath = WeightFiles.Select(f => Path.Combine(folder, f)).FirstOrDefault(File.Exists)
            ?? throw new CheckpointException($"{folder} is not a GPT-2 checkpoint: neither model.safetensors nor pytorch_model.bin is there.");
        var dev = new Device(device);
        var tensors = weightsPath.EndsWith(".safetensors", StringComparison.Ordinal)
            ? ReadSafetensors(weightsPath, config)
            : ReadPytorchBin(weightsPath, config);
        var weights = new Gpt2Weights(config, (name, _) =>
            tensors[name].to(dev, disposeAfter: true).requires_grad_(false));
        return new Gpt2Model(config, weights, dev, source);
    }

    /// <summary>Maps a stored tensor name to its canonical name: strips <c>transformer.</c>; null for names to skip (attention buffers, tied LM head).</summary>
    internal static string? Canonical(string stored)
    {
        var name = stored.StartsWith("transformer.", StringComparison.Ordinal) ? stored["transformer.".Length..] : stored;
        if (name == "lm_head.weight") return null;
        var parts = name.Split('.');
        // Exact names h.{i}.attn.bias and h.{i}.attn.masked_bias only; h.{i}.attn.c_attn.bias is a real weight.
        if (parts.Length == 4 && parts[0] == "h" && parts[2] == "attn" && (parts[3] == "bias" || parts[3] == "masked_bias")
            && int.TryParse(parts[1], out _))
            return null;
        return name;
    }

    private static Dictionary<string, Tensor> ReadSafetensors(string path, Gpt2Config config)
    {
        var expected = Gpt2Weights.ExpectedShapes(config);
        using var file = SafetensorsFile.Open(path);
        var found = new Dictionary<string, SafetensorsEntry>(StringComparer.Ordinal);
        foreach (var entry in file.Entries.Values.OrderBy(e => e.Begin))
        {
            var name = Canonical(entry.Name);
            if (name is null) continue;
            Check(path, entry.Name, name, entry.Shape, expected);
            if (!found.TryAdd(name, entry))
                throw new CheckpointException($"{path} holds '{name}' twice (with and without the transformer. prefix).");
        }
        RequireAll(path, expected, found.Keys);
        var result = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        foreach (var (name, entry) in found)
            result[name] = tensor(file.ReadAsFloat32(entry), entry.Shape);
        return result;
    }

    private static Dictionary<string, Tensor> ReadPytorchBin(string path, Gpt2Config config)
    {
        var expected = Gpt2Weights.ExpectedShapes(config);
        System.Collections.Hashtable table;
        try
        {
            table = TorchSharp.PyBridge.PyTorchUnpickler.UnpickleStateDict(path);
        }
        catch (Exception e) when (e is not CheckpointException)
        {
            throw new CheckpointException($"{path} cannot be read as a PyTorch state dict: {e.Message.Split('\n')[0]}", e);
        }
        var result = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        foreach (System.Collections.DictionaryEntry kv in table)
        {
            var stored = (string)kv.Key;
            var name = Canonical(stored);
            if (name is null || kv.Value is not Tensor t) continue;
            Check(path, stored, name, t.shape, expected);
            if (t.dtype is not (ScalarType.Float32 or ScalarType.Float16 or ScalarType.BFloat16 or ScalarType.Float64))
                throw new CheckpointException($"{path}: tensor '{stored}' has dtype {t.dtype}; only floating-point weights are supported.");
            result[name] = t.to_type(ScalarType.Float32);
        }
        RequireAll(path, expected, result.Keys);
        return result;
    }

    private static void Check(string path, string stored, string name, long[] shape, IReadOnlyDictionary<string, long[]> expected)
    {
        if (!expected.TryGetValue(name, out var want))
            throw new CheckpointException($"{path} holds unknown tensor '{stored}' for this GPT-2 config.");
        if (!shape.SequenceEqual(want))
            throw new CheckpointException($"{path}: tensor '{stored}' has shape [{string.Join(",", shape)}], expected [{string.Join(",", want)}] from config.json.");
    }

    private static void RequireAll(string path, IReadOnlyDictionary<string, long[]> expected, IEnumerable<string> found)
    {
        var missing = expected.Keys.Except(found).Order(StringComparer.Ordinal).ToList();
        if (missing.Count > 0)
            throw new CheckpointException($"{path} lacks tensor '{missing[0]}'{(missing.Count > 1 ? $" and {missing.Count - 1} more" : "")}.");
    }
}
