using System.Globalization;
using Microsoft.Extensions.Configuration;
using NeuronViewer.Pipeline;

namespace NeuronViewer.Cli.Commands;

/// <summary>
/// The settings the CLI shares with the web app, read through the same sources (appsettings.json beside the executable, user
/// secrets, <c>NeuronViewer__…</c> environment variables): the subject model, its device and threads.
/// </summary>
public sealed record CliSettings(string ModelPath, string Device, int Threads)
{
    public static CliSettings Load() => From(NeuronViewerConfiguration.Build());

    public static CliSettings From(IConfiguration c)
    {
        string Get(string key, string fallback) => c["NeuronViewer:" + key] is { Length: > 0 } v ? v : fallback;
        var threads = Get("SubjectModel:Threads", "2");
        return new CliSettings(
            ModelPath: Get("SubjectModel:Path", "bundled"),
            Device: Get("SubjectModel:Device", "cpu"),
            Threads: int.TryParse(threads, NumberStyles.None, CultureInfo.InvariantCulture, out var t) && t > 0
                ? t : throw new UsageException($"NeuronViewer:SubjectModel:Threads must be a positive number, not '{threads}'."));
    }
}
