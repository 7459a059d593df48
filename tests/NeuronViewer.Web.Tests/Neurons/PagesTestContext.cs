using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using MudBlazor.Services;
using NeuronViewer.Pipeline.Subject;
using NeuronViewer.Storage;
using NeuronViewer.Web.Neurons;

namespace NeuronViewer.Web.Tests.Neurons;

/// <summary>A bunit context for the researcher's pages over a real LiteDB store in a temporary folder, rendering as an interactive circuit.</summary>
public abstract class PagesTestContext : BunitContext
{
    private readonly string folder = Path.Combine(Path.GetTempPath(), "nv-web-pages-tests", Guid.NewGuid().ToString("N"));

    protected PagesTestContext()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Store = NeuronViewerStore.Open(folder);
        Services.AddMudServices();
        Services.AddSingleton(Store);
        Services.AddSingleton<IConfiguration>(new ConfigurationBuilder().Build());
        Services.AddSingleton(Options.Create(new SubjectModelOptions { Path = "bundled", Threads = 1 }));
        Services.AddSingleton<SubjectModelHost>();
        Services.AddNeuronViewerPages();
        Authorization = AddAuthorization();
        Authorization.SetAuthorized("researcher").SetRoles(NeuronViewer.Web.Security.Roles.Researcher);
        Authorization.SetPolicies(NeuronViewer.Web.Security.Policies.Research);
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
    }

    protected NeuronViewerStore Store { get; }

    /// <summary>The signed-in user (a researcher; tests may grant more policies).</summary>
    protected Bunit.TestDoubles.BunitAuthorizationContext Authorization { get; }

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
