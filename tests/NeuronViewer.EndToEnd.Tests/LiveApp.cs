using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using NeuronViewer.Storage;

namespace NeuronViewer.EndToEnd.Tests;

/// <summary>
/// The real app on Kestrel at a free 127.0.0.1 port with a fresh temporary data folder (a real LiteDB file): default settings
/// as a new user has them (single-user mode, bundled model, offline baselines), or with accounts (login required).
/// </summary>
public sealed class LiveApp(string name, bool accounts = false) : WebApplicationFactory<Program>
{
    public string DataFolder { get; } = Path.Combine(Path.GetTempPath(), "nv-e2e-" + name, Guid.NewGuid().ToString("N"));

    /// <summary>The address the browser opens, e.g. http://127.0.0.1:41234.</summary>
    public string BaseUrl { get; private set; } = "";

    public NeuronViewerStore Store => Services.GetRequiredService<NeuronViewerStore>();

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
        if (accounts)
            builder.UseSetting("NeuronViewer:Auth:Mode", "accounts");
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
