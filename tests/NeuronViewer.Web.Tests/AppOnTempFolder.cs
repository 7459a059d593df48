using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace NeuronViewer.Web.Tests;

/// <summary>
/// The real web app (Production environment) on a fresh temporary data folder (a real LiteDB file), deleted on dispose unless kept;
/// the base of TestApp (in-memory server) and LiveServer (Kestrel). No test framework: the benchmarks link it too.
/// </summary>
public abstract class AppOnTempFolder<TEntryPoint>(string folderGroup, IEnumerable<(string Key, string? Value)> settings)
    : WebApplicationFactory<TEntryPoint>
    where TEntryPoint : class
{
    public string DataFolder { get; init; } = Path.Combine(Path.GetTempPath(), folderGroup, Guid.NewGuid().ToString("N"));

    /// <summary>Leave the data folder on disk after Dispose (the test reads the closed database file, then deletes it).</summary>
    public bool KeepDataFolder { get; init; }

    /// <summary>Production environment, the data folder, then the settings given (later ones win).</summary>
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        builder.UseSetting("NeuronViewer:DataFolder", DataFolder);
        foreach (var (key, value) in settings)
            builder.UseSetting(key, value);
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (KeepDataFolder)
            return;
        try
        {
            Directory.Delete(DataFolder, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
