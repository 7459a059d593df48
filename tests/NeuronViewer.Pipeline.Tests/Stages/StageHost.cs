using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using NeuronViewer.Pipeline.Jobs;
using NeuronViewer.Pipeline.Subject;
using NeuronViewer.Storage;

namespace NeuronViewer.Pipeline.Tests.Stages;

/// <summary>The real composition (AddNeuronViewerCore) over a temporary data folder with the bundled model; restartable on the same folder.</summary>
public sealed class StageHost : IAsyncDisposable
{
    private readonly Dictionary<string, string?> settings;
    private ServiceProvider provider = null!;

    private StageHost(string folder, Dictionary<string, string?>? extra)
    {
        Folder = folder;
        settings = new Dictionary<string, string?>
        {
            ["NeuronViewer:DataFolder"] = folder, ["NeuronViewer:SubjectModel:Path"] = "bundled", ["NeuronViewer:Provider:Kind"] = "offline",
        };
        foreach (var (k, v) in extra ?? []) settings[k] = v;
    }

    public string Folder { get; }

    public IServiceProvider Services => provider;

    public JobEngine Engine => provider.GetRequiredService<JobEngine>();

    public NeuronViewerStore Store => provider.GetRequiredService<NeuronViewerStore>();

    public SubjectModelHost Model => provider.GetRequiredService<SubjectModelHost>();

    public static async Task<StageHost> StartAsync(Dictionary<string, string?>? extra = null)
    {
        var host = new StageHost(Path.Combine(Path.GetTempPath(), "nv-stage-tests", Guid.NewGuid().ToString("N")), extra);
        await host.BootAsync();
        return host;
    }

    /// <summary>Stops the engine as a host shutdown would, disposes everything, then builds and starts a fresh composition on the same folder.</summary>
    public async Task RestartAsync()
    {
        await StopAsync();
        await BootAsync();
    }

    public Task<JobSnapshot> WaitAsync(long id) => Engine.WaitAsync(id, new CancellationTokenSource(TimeSpan.FromMinutes(5)).Token);

    private async Task BootAsync()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        provider = new ServiceCollection().AddLogging().AddNeuronViewerCore(configuration).BuildServiceProvider();
        await Engine.StartAsync(CancellationToken.None);
    }

    private async Task StopAsync()
    {
        await Engine.StopAsync(CancellationToken.None);
        await provider.DisposeAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
