using System.Globalization;
using System.Text.Json;

namespace NeuronViewer.Cli.Commands;

/// <summary>
/// The settings the CLI shares with the web app: appsettings.json beside the executable, overridden by environment
/// variables in .NET's form (<c>NeuronViewer__DataFolder</c>, <c>NeuronViewer__SubjectModel__Device</c>, …).
/// </summary>
public sealed record CliSettings(string DataFolder, string ModelPath, string Device, int Threads, string Corpus)
{
    public static CliSettings Load()
    {
        JsonElement root = default;
        var file = Path.Combine(AppContext.BaseDirectory, "appsettings.json");
        if (File.Exists(file))
        {
            using var doc = JsonDocument.Parse(File.ReadAllText(file), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip });
            root = doc.RootElement.TryGetProperty("NeuronViewer", out var nv) ? nv.Clone() : default;
        }
        string Get(string key, string fallback)
        {
            var env = Environment.GetEnvironmentVariable("NeuronViewer__" + key.Replace(":", "__", StringComparison.Ordinal));
            if (!string.IsNullOrEmpty(env)) return env;
            var e = root;
            foreach (var part in key.Split(':'))
            {
                if (e.ValueKind != JsonValueKind.Object || !e.TryGetProperty(part, out e)) return fallback;
            }
            return e.ValueKind switch { JsonValueKind.String => e.GetString() ?? fallback, JsonValueKind.Number => e.GetRawText(), _ => fallback };
        }
        var data = Get("DataFolder", "");
        return new CliSettings(
            DataFolder: data.Length > 0 ? data : Path.Combine(Environment.CurrentDirectory, "data"),
            ModelPath: Get("SubjectModel:Path", "bundled"),
            Device: Get("SubjectModel:Device", "cpu"),
            Threads: int.Parse(Get("SubjectModel:Threads", "2"), CultureInfo.InvariantCulture),
            Corpus: Get("Corpus", "bundled"));
    }
}
