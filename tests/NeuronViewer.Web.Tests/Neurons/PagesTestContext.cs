using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using NeuronViewer.Pipeline.Subject;
using NeuronViewer.Storage;
using NeuronViewer.Web.Neurons;

namespace NeuronViewer.Web.Tests.Neurons;

/// <summary>A bunit context for the researcher's pages over a real LiteDB store in a temporary folder, rendering as an interactive circuit.</summary>
public abstract class PagesTestContext : StoreTestContext
{
    protected PagesTestContext()
        : base("pages-tests")
    {
        Services.AddSingleton<IConfiguration>(new ConfigurationBuilder().Build());
        Services.AddSingleton(Options.Create(new SubjectModelOptions { Path = "bundled", Threads = 1 }));
        Services.AddSingleton<SubjectModelHost>();
        Services.AddNeuronViewerPages();
        Authorization = AddAuthorization();
        Authorization.SetAuthorized("researcher").SetRoles(NeuronViewer.Web.Security.Roles.Researcher);
        Authorization.SetPolicies(NeuronViewer.Web.Security.Policies.Research);
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
    }

    /// <summary>The signed-in user (a researcher; tests may grant more policies).</summary>
    protected Bunit.TestDoubles.BunitAuthorizationContext Authorization { get; }
}
