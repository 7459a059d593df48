using System.Text.Json;
using NeuronViewer.SubjectModel.Checkpoints;
using NeuronViewer.SubjectModel.Model;

namespace NeuronViewer.SubjectModel.Tests;

/// <summary>One reference sequence of the GPT-2 fixture with its expected outputs.</summary>
public sealed record ReferenceSequence(string Name, long[] InputIds, float[][] Logits, float[][][] MlpPostGelu, float[][] LnFOutput);

/// <summary>The independent GPT-2 reference fixture (tests/.../Fixtures/gpt2-reference) and helpers to load it.</summary>
public static class Fixture
{
    public static string Folder => Path.Combine(AppContext.BaseDirectory, "Fixtures", "gpt2-reference");

    public static string BinFolder => Path.Combine(AppContext.BaseDirectory, "Fixtures", "gpt2-reference-bin");

    public const double Atol = 1e-4, Rtol = 1e-4;

    private static readonly Lazy<IReadOnlyList<ReferenceSequence>> sequences = new(Read);

    public static IReadOnlyList<ReferenceSequence> Sequences => sequences.Value;

    /// <summary>A temporary checkpoint folder holding config.json and the chosen layout as model.safetensors.</summary>
    public static TempFolder Layout(bool prefixed)
    {
        var dir = new TempFolder();
        File.Copy(Path.Combine(Folder, "config.json"), Path.Combine(dir.Path, "config.json"));
        File.Copy(Path.Combine(Folder, prefixed ? "model_prefixed.safetensors" : "model.safetensors"), Path.Combine(dir.Path, "model.safetensors"));
        return dir;
    }

    public static Gpt2Model Load(bool prefixed)
    {
        using var dir = Layout(prefixed);
        return CheckpointLoader.Load(dir.Path);
    }

    private static IReadOnlyList<ReferenceSequence> Read()
    {
        using var doc = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(Folder, "expected.json")));
        return doc.RootElement.GetProperty("sequences").EnumerateArray().Select(s => new ReferenceSequence(
            s.GetProperty("name").GetString()!,
            s.GetProperty("input_ids").EnumerateArray().Select(x => x.GetInt64()).ToArray(),
            Matrix(s.GetProperty("logits")),
            s.GetProperty("mlp_post_gelu").EnumerateArray().Select(Matrix).ToArray(),
            Matrix(s.GetProperty("ln_f_output")))).ToList();
    }

    private static float[][] Matrix(JsonElement e) =>
        e.EnumerateArray().Select(row => row.EnumerateArray().Select(x => x.GetSingle()).ToArray()).ToArray();

    /// <summary>Asserts |actual - expected| ≤ atol + rtol·|expected| elementwise, reporting the worst element.</summary>
    public static void AssertClose(float[][] expected, float[] actualFlat, string what)
    {
        int cols = expected[0].Length;
        Assert.Equal(expected.Length * cols, actualFlat.Length);
        double worst = 0;
        string where = "";
        for (int i = 0; i < expected.Length; i++)
            for (int j = 0; j < cols; j++)
            {
                double e = expected[i][j], a = actualFlat[i * cols + j];
                double ratio = Math.Abs(a - e) / (Atol + Rtol * Math.Abs(e));
                if (ratio > worst) { worst = ratio; where = $"[{i},{j}] expected {e} got {a}"; }
            }
        Assert.True(worst <= 1.0, $"{what}: worst error/tolerance {worst:F2} at {where}");
    }
}

/// <summary>A temporary folder deleted on dispose.</summary>
public sealed class TempFolder : IDisposable
{
    public TempFolder()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "nv-test-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose()
    {
        try { Directory.Delete(Path, recursive: true); } catch (IOException) { }
    }
}
