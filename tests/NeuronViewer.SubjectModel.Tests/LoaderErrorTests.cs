using System.Buffers.Binary;
using System.Text;
using System.Text.Json.Nodes;
using NeuronViewer.SubjectModel.Checkpoints;

namespace NeuronViewer.SubjectModel.Tests;

/// <summary>Every way a checkpoint folder can be wrong gets its own one-line error.</summary>
public class LoaderErrorTests
{
    private static CheckpointException Fails(string folder) => Assert.Throws<CheckpointException>(() => CheckpointLoader.Load(folder));

    private static void AssertOneLine(CheckpointException e, string expected)
    {
        Assert.Contains(expected, e.Message);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public void A_missing_folder_config_or_weights_file_is_named()
    {
        AssertOneLine(Fails("/nonexistent/model"), "does not exist");
        using var dir = new TempFolder();
        AssertOneLine(Fails(dir.Path), "config.json is missing");
        File.Copy(Path.Combine(Fixture.Folder, "config.json"), dir.File("config.json"));
        AssertOneLine(Fails(dir.Path), "neither model.safetensors nor pytorch_model.bin");
    }

    [Fact]
    public void A_config_that_is_not_gpt2_is_rejected()
    {
        using var dir = Fixture.Layout(prefixed: false);
        var config = JsonNode.Parse(File.ReadAllText(dir.File("config.json")))!;
        config["model_type"] = "llama";
        File.WriteAllText(dir.File("config.json"), config.ToJsonString());
        AssertOneLine(Fails(dir.Path), "not a GPT-2 model");
        File.WriteAllText(dir.File("config.json"), "{ not json");
        AssertOneLine(Fails(dir.Path), "not valid JSON");
    }

    [Fact]
    public void Shapes_that_disagree_with_the_config_are_named()
    {
        using var dir = Fixture.Layout(prefixed: false);
        var config = JsonNode.Parse(File.ReadAllText(dir.File("config.json")))!;
        config["n_inner"] = 128;
        File.WriteAllText(dir.File("config.json"), config.ToJsonString());
        AssertOneLine(Fails(dir.Path), "h.0.mlp.c_fc.bias' has shape [256], expected [128] from config.json");
    }

    [Fact]
    public void Unknown_missing_and_unsupported_dtype_tensors_are_named()
    {
        var tensors = ReadAll(Path.Combine(Fixture.Folder, "model.safetensors"));
        using (var dir = Folder(tensors.Where(t => t.Name != "h.1.ln_2.bias"), "F32"))
            AssertOneLine(Fails(dir.Path), "lacks tensor 'h.1.ln_2.bias'");
        using (var dir = Folder(tensors.Append(("h.0.extra.weight", new long[] { 2 }, new float[2])), "F32"))
            AssertOneLine(Fails(dir.Path), "unknown tensor 'h.0.extra.weight'");
        using (var dir = Folder(tensors, "F32"))
        {
            // Relabel one tensor as I32 (same byte size): a dtype the loader does not convert.
            var bytes = File.ReadAllBytes(dir.File("model.safetensors"));
            var header = Encoding.UTF8.GetString(bytes, 8, (int)BinaryPrimitives.ReadUInt64LittleEndian(bytes));
            var i = header.IndexOf("\"wpe.weight\":{\"dtype\":\"F32\"", StringComparison.Ordinal);
            Assert.True(i >= 0);
            var patched = Encoding.UTF8.GetBytes(header[..i] + "\"wpe.weight\":{\"dtype\":\"I32\"" + header[(i + 27)..]);
            patched.CopyTo(bytes, 8);
            File.WriteAllBytes(dir.File("model.safetensors"), bytes);
            AssertOneLine(Fails(dir.Path), "'wpe.weight' has dtype I32");
        }
    }

    [Fact]
    public void A_truncated_safetensors_file_is_reported_as_truncated()
    {
        using var dir = Fixture.Layout(prefixed: true);
        var bytes = File.ReadAllBytes(dir.File("model.safetensors"));
        File.WriteAllBytes(dir.File("model.safetensors"), bytes[..(bytes.Length - 1000)]);
        AssertOneLine(Fails(dir.Path), "truncated");
        File.WriteAllBytes(dir.File("model.safetensors"), bytes[..100]);
        AssertOneLine(Fails(dir.Path), "truncated");
        File.WriteAllBytes(dir.File("model.safetensors"), bytes[..5]);
        AssertOneLine(Fails(dir.Path), "truncated");
    }

    [Fact]
    public void F16_and_bf16_weights_are_converted_to_the_same_fp32_values_the_file_holds()
    {
        var tensors = ReadAll(Path.Combine(Fixture.Folder, "model.safetensors"));
        using var dir = Folder(tensors, "F16");
        using var model = CheckpointLoader.Load(dir.Path);
        var wte = model.Weights.Wte.data<float>().ToArray();
        var expected = tensors.Single(t => t.Name == "wte.weight").Data.Select(v => (float)(Half)v).ToArray();
        Assert.Equal(expected, wte);
        Assert.NotEqual(tensors.Single(t => t.Name == "wte.weight").Data, wte);

        using var bf = Folder(tensors, "F32");
        WriteBf16(bf.File("model.safetensors"), tensors);
        using var bfModel = CheckpointLoader.Load(bf.Path);
        var truncated = tensors.Single(t => t.Name == "wte.weight").Data
            .Select(v => BitConverter.Int32BitsToSingle(BitConverter.SingleToInt32Bits(v) & unchecked((int)0xFFFF0000))).ToArray();
        Assert.Equal(truncated, bfModel.Weights.Wte.data<float>().ToArray());
    }

    internal static List<(string Name, long[] Shape, float[] Data)> ReadAll(string path)
    {
        using var file = SafetensorsFile.Open(path);
        return file.Entries.Values.OrderBy(e => e.Begin).Select(e => (e.Name, e.Shape, file.ReadAsFloat32(e))).ToList();
    }

    private static TempFolder Folder(IEnumerable<(string Name, long[] Shape, float[] Data)> tensors, string dtype)
    {
        var dir = new TempFolder();
        File.Copy(Path.Combine(Fixture.Folder, "config.json"), dir.File("config.json"));
        SafetensorsWriter.Write(dir.File("model.safetensors"), tensors.ToList(), asFloat16: dtype == "F16");
        return dir;
    }

    /// <summary>Writes BF16 by hand (upper 16 bits of each float), as the format defines it.</summary>
    private static void WriteBf16(string path, List<(string Name, long[] Shape, float[] Data)> tensors)
    {
        var header = new JsonObject();
        long offset = 0;
        foreach (var (name, shape, data) in tensors)
        {
            header[name] = new JsonObject { ["dtype"] = "BF16", ["shape"] = new JsonArray(shape.Select(s => (JsonNode)s).ToArray()), ["data_offsets"] = new JsonArray(offset, offset + 2 * data.Length) };
            offset += 2 * data.Length;
        }
        var json = Encoding.UTF8.GetBytes(header.ToJsonString());
        using var fs = File.Create(path);
        var len = new byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(len, (ulong)json.Length);
        fs.Write(len);
        fs.Write(json);
        foreach (var (_, _, data) in tensors)
            foreach (var v in data)
            {
                var b = new byte[2];
                BinaryPrimitives.WriteUInt16LittleEndian(b, (ushort)(BitConverter.SingleToUInt32Bits(v) >> 16));
                fs.Write(b);
            }
    }
}
