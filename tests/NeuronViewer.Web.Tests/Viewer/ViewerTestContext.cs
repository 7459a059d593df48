using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;

namespace NeuronViewer.Web.Tests.Viewer;

/// <summary>A bunit context set up as the app is: MudBlazor services, JS interop in loose mode.</summary>
public abstract class ViewerTestContext : BunitContext
{
    protected ViewerTestContext()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
    }
}
