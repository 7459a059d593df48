using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace NeuronViewer.EndToEnd.Tests.Pages;

/// <summary>The real app as a new user starts it: default settings (single-user mode, bundled model, offline baselines), Kestrel on a free 127.0.0.1 port, an empty data folder.</summary>
public sealed class NewUserApp : WebApplicationFactory<Program>
{
    public string DataFolder { get; } = Path.Combine(Path.GetTempPath(), "nv-e2e-pages", Guid.NewGuid().ToString("N"));

    /// <summary>The address the browser opens, e.g. http://127.0.0.1:41234.</summary>
    public string BaseUrl { get; private set; } = "";

    public void Start()
    {
        UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        StartServer();
        BaseUrl = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/');
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        builder.UseSetting("NeuronViewer:DataFolder", DataFolder);
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        try
        {
            Directory.Delete(DataFolder, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
