using AngleSharp.Dom;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;
using NeuronViewer.Pipeline;
using NeuronViewer.Pipeline.Jobs;
using NeuronViewer.Storage;
using NeuronViewer.Storage.Jobs;

namespace NeuronViewer.Web.Tests.Operations;

/// <summary>A bunit context with the app's real composition (AddNeuronViewerCore) over a temporary data folder; the job engine is not started, so jobs stay where a test puts them.</summary>
public sealed class OperationsHarness : IAsyncDisposable
{
    public OperationsHarness(Dictionary<string, string?>? settings = null)
    {
        Folder = Path.Combine(Path.GetTempPath(), "nv-web-ops-tests", Guid.NewGuid().ToString("N"));
        Context.JSInterop.Mode = JSRuntimeMode.Loose;
        Context.Services.AddMudServices();
        var values = new Dictionary<string, string?> { ["NeuronViewer:DataFolder"] = Folder, ["NeuronViewer:Provider:Kind"] = "offline" };
        foreach (var (k, v) in settings ?? []) values[k] = v;
        Context.Services.AddLogging().AddNeuronViewerCore(new ConfigurationBuilder().AddInMemoryCollection(values).Build());
    }

    public BunitContext Context { get; } = new();

    public string Folder { get; }

    public NeuronViewerStore Store => Context.Services.GetRequiredService<NeuronViewerStore>();

    public JobEngine Engine => Context.Services.GetRequiredService<JobEngine>();

    /// <summary>A stored job with items, some finished, as a run of the engine would leave it.</summary>
    public long MakeJob(string title, JobState state, int total, int done, int failed, DateTime? segmentStart = null)
    {
        var id = Store.Jobs.Create(new JobRecord { Kind = "pipeline", Title = title, State = JobState.Queued, Parameters = "{}" });
        Store.Jobs.AddItems(id, Enumerable.Range(0, total).Select(i => $"explain:0:{i}"));
        for (var i = 0; i < done; i++) Store.Jobs.FinishItem(id, i, null);
        for (var i = done; i < done + failed; i++) Store.Jobs.FinishItem(id, i, $"unparsable response for item {i}");
        Store.Jobs.Change(id, j =>
        {
            j.State = state;
            j.StartedAt = j.SegmentStartedAt = segmentStart ?? DateTime.UtcNow.AddMinutes(-1);
            j.SegmentStartFinished = 0;
        });
        return id;
    }

    /// <summary>Clicks the element the selector finds, finding it again if the page re-rendered in between (MudBlazor renders after its first render).</summary>
    public static void Click<T>(IRenderedComponent<T> cut, string selector) where T : IComponent
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                cut.Find(selector).Click();
                return;
            }
            catch (ArgumentException) when (attempt < 5) // "There is no event handler with ID …": the element was re-rendered
            {
            }
        }
    }

    /// <summary>Raises change on the input the selector finds (found again after a re-render).</summary>
    public static void Change<T>(IRenderedComponent<T> cut, string selector, string value) where T : IComponent
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                cut.Find(selector).Change(value);
                return;
            }
            catch (ArgumentException) when (attempt < 5)
            {
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Context.DisposeAsync();
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
