using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;
using NeuronViewer.Storage;

namespace NeuronViewer.Web.Tests;

/// <summary>A bunit context with MudBlazor's services over a real LiteDB store in a fresh temporary folder, deleted afterwards.</summary>
public abstract class StoreTestContext : BunitContext
{
    private readonly string folder;

    protected StoreTestContext(string name)
    {
        folder = Path.Combine(Path.GetTempPath(), "nv-web-" + name, Guid.NewGuid().ToString("N"));
        JSInterop.Mode = JSRuntimeMode.Loose;
        Store = NeuronViewerStore.Open(folder);
        Services.AddMudServices();
        Services.AddSingleton(Store);
    }

    protected NeuronViewerStore Store { get; }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (!disposing)
            return;
        Store.Dispose();
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
