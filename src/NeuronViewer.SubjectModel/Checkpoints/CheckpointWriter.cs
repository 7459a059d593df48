using NeuronViewer.SubjectModel.Model;
using static TorchSharp.torch;

namespace NeuronViewer.SubjectModel.Checkpoints;

/// <summary>Saves a model as a Hugging Face GPT-2 checkpoint folder (config.json + model.safetensors, no prefix, no buffers).</summary>
public static class CheckpointWriter
{
    /// <summary>Writes both files (each to a temp file, then renamed); F16 halves the size and the loader converts back to fp32.</summary>
    public static void Save(Gpt2Model model, string folder, bool asFloat16)
    {
        Directory.CreateDirectory(folder);
        var tensors = model.Weights.Named.Select(w =>
        {
            using var cpu = w.Tensor.detach().cpu().contiguous();
            return (w.Name, cpu.shape, cpu.data<float>().ToArray());
        }).ToList();
        SafetensorsWriter.Write(Path.Combine(folder, "model.safetensors"), tensors, asFloat16);
        var config = Path.Combine(folder, "config.json");
        File.WriteAllText(config + ".tmp", model.Config.ToJson());
        File.Move(config + ".tmp", config, overwrite: true);
    }
}
