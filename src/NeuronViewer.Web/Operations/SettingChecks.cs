using NeuronViewer.Storage;
using NeuronViewer.SubjectModel;
using NeuronViewer.SubjectModel.Checkpoints;
using NeuronViewer.SubjectModel.Corpus;
using NeuronViewer.SubjectModel.Model;

namespace NeuronViewer.Web.Operations;

/// <summary>Checks a candidate setting without changing anything: null when it is usable, else a one-line reason.</summary>
public static class SettingChecks
{
    /// <summary>A GPT-2 checkpoint folder (config.json that parses as GPT-2, and a weight file), or "bundled".</summary>
    public static string? ModelFolder(string? path)
    {
        if (string.IsNullOrWhiteSpace(path)) return "Give a checkpoint folder, or 'bundled'.";
        var folder = string.Equals(path.Trim(), "bundled", StringComparison.OrdinalIgnoreCase) ? BundledAssets.ModelFolder : path.Trim();
        if (!Directory.Exists(folder)) return $"The folder {folder} does not exist.";
        var config = Path.Combine(folder, "config.json");
        if (!File.Exists(config)) return $"{folder} is not a GPT-2 checkpoint: config.json is missing.";
        try
        {
            Gpt2Config.Parse(File.ReadAllText(config), config);
        }
        catch (CheckpointException e)
        {
            return e.Message;
        }
        return CheckpointLoader.WeightFiles.Any(f => File.Exists(Path.Combine(folder, f)))
            ? null
            : $"{folder} is not a GPT-2 checkpoint: neither {string.Join(" nor ", CheckpointLoader.WeightFiles)} is there.";
    }

    /// <summary>An absolute http(s) URL, or empty for OpenAI's own endpoint.</summary>
    public static string? Endpoint(string? url) =>
        string.IsNullOrWhiteSpace(url) ? null
        : Uri.TryCreate(url.Trim(), UriKind.Absolute, out var u) && (u.Scheme == Uri.UriSchemeHttp || u.Scheme == Uri.UriSchemeHttps) ? null
        : $"'{url}' is not an absolute http(s) URL such as http://localhost:8000/v1.";

    /// <summary>A folder that exists and is writable, or whose parent exists (it would be created).</summary>
    public static string? DataFolderPath(string? path)
    {
        var full = Storage.DataFolder.Resolve(path);
        if (Directory.Exists(full))
            return Writable(full) ? null : $"The folder {full} is not writable.";
        var parent = Path.GetDirectoryName(full);
        return parent is not null && Directory.Exists(parent) ? null : $"Neither {full} nor its parent folder exists.";
    }

    /// <summary>A corpus: "bundled", a text file or a folder with files.</summary>
    public static string? Corpus(string? path)
    {
        try
        {
            TextCorpus.Open(string.IsNullOrWhiteSpace(path) ? "bundled" : path.Trim());
            return null;
        }
        catch (CorpusException e)
        {
            return e.Message;
        }
    }

    /// <summary>The environment variable line that sets a configuration key, e.g. <c>NeuronViewer__SubjectModel__Path=/models/gpt2</c>.</summary>
    public static string EnvironmentLine(string key, string value) => $"{key.Replace(":", "__", StringComparison.Ordinal)}={value}";

    private static bool Writable(string folder)
    {
        var probe = Path.Combine(folder, $".nv-probe-{Guid.NewGuid():N}");
        try
        {
            File.WriteAllBytes(probe, []);
            File.Delete(probe);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }
}
