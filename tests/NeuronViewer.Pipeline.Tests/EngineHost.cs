using Microsoft.Extensions.Options;
using NeuronViewer.Pipeline.Jobs;
using NeuronViewer.Storage;
using NeuronViewer.Storage.Jobs;

namespace NeuronViewer.Pipeline.Tests;

/// <summary>A started job engine over a real database in a temporary folder; can be restarted on the same file.</summary>
public sealed class EngineHost : IAsyncDisposable
{
    private JobEngineOptions options;

    public EngineHost(JobEngineOptions? options = null, string? folder = null)
    {
        this.options = options ?? new JobEngineOptions();
        Folder = folder ?? Path.Combine(Path.GetTempPath(), "nv-pipeline-tests", Guid.NewGuid().ToString("N"));
        Store = NeuronViewerStore.Open(Folder);
        Handler = new TestHandler(Store);
    }

    public string Folder { get; }

    public NeuronViewerStore Store { get; private set; }

    public TestHandler Handler { get; private set; }

    public JobEngine Engine { get; private set; } = null!;

    public async Task<EngineHost> StartAsync(params IJobHandler[] more)
    {
        Engine = new JobEngine(Store, [Handler, .. more], Options.Create(options));
        await Engine.StartAsync(CancellationToken.None);
        return this;
    }

    /// <summary>Stops the engine as a host shutdown would, closes the database, opens it again with a fresh handler and engine.</summary>
    public async Task RestartAsync(Action<TestHandler>? configure = null, JobEngineOptions? newOptions = null)
    {
        options = newOptions ?? options;
        await Engine.StopAsync(CancellationToken.None);
        Engine.Dispose();
        Store.Dispose();
        Store = NeuronViewerStore.Open(Folder);
        Handler = new TestHandler(Store);
        configure?.Invoke(Handler);
        await StartAsync();
    }

    public Task<JobSnapshot> WaitAsync(long id) => Engine.WaitAsync(id, new CancellationTokenSource(TimeSpan.FromSeconds(60)).Token);

    /// <summary>Polls until the condition holds (a guard against hanging, not a timing assertion).</summary>
    public static async Task Until(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"timed out waiting until {what}");
            await Task.Delay(10);
        }
    }

    public JobRecord Job(long id) => Store.Jobs.Get(id)!;

    public async ValueTask DisposeAsync()
    {
        await Engine.StopAsync(CancellationToken.None);
        Engine.Dispose();
        Store.Dispose();
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
