using System.Globalization;
using Microsoft.Extensions.Configuration;
using NeuronViewer.Pipeline;
using NeuronViewer.Storage;

namespace NeuronViewer.Cli.Commands;

/// <summary>
/// The settings the CLI shares with the web app, read through the same sources (appsettings.json beside the executable, user
/// secrets, <c>NeuronViewer__…</c> environment variables): data folder, subject model, device, threads, corpus.
/// </summary>
public sealed record CliSettings(string DataFolder, string ModelPath, string Device, int Threads, string Corpus)
{
    public static CliSettings Load() => From(NeuronViewerConfiguration.Build());

    public static CliSettings From(IConfiguration c)
    {
        string Get(string key, string fallback) => c["NeuronViewer:" + key] is { Length: > 0 } v ? v : fallback;
        var threads = Get("SubjectModel:Threads", "2");
        return new CliSettings(
            DataFolder: Storage.DataFolder.Resolve(c["NeuronViewer:DataFolder"]),
            ModelPath: Get("SubjectModel:Path", "bundled"),
            Device: Get("SubjectModel:Device", "cpu"),
            Threads: int.TryParse(threads, NumberStyles.None, CultureInfo.InvariantCulture, out var t) && t > 0
                ? t : throw new UsageException($"NeuronViewer:SubjectModel:Threads must be a positive number, not '{threads}'."),
            Corpus: Get("Corpus", "bundled"));
    }
}
