using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using NeuronViewer.Storage;
using NeuronViewer.Storage.Rating;
using NeuronViewer.Web.Security;

namespace NeuronViewer.Web.Tests.Load;

/// <summary>
/// The real app on Kestrel at a free 127.0.0.1 port with accounts (login required; a setting may switch to single-user mode)
/// and a fresh data folder (a real LiteDB file). Shared by the load and validation tests, the browser tests and the
/// <c>load</c> benchmark (linked into the last two), so it uses no test framework. The factory names
/// the web app by one of its types (<see cref="AuthState"/>), since the benchmark has a <c>Program</c> of its own.
/// </summary>
public sealed class LiveServer(params (string Key, string Value)[] settings)
    : AppOnTempFolder<AuthState>("nv-live", [("NeuronViewer:Auth:Mode", "accounts"), ("Logging:LogLevel:Default", "Warning"), .. settings.Select(s => (s.Key, (string?)s.Value))])
{
    /// <summary>The server's address, e.g. http://127.0.0.1:41234.</summary>
    public string BaseUrl { get; private set; } = "";

    public NeuronViewerStore Store => Services.GetRequiredService<NeuronViewerStore>();

    public void Start()
    {
        UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        StartServer();
        BaseUrl = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/');
    }

    /// <summary>Stores users with the role through the app's user service (as /admin/users does); returns them as annotators.</summary>
    public IReadOnlyList<AnnotatorRef> AddUsers(string prefix, int count, string role, string password)
    {
        var admin = Services.GetRequiredService<UserAdministration>();
        return Enumerable.Range(0, count).AsParallel().AsOrdered().WithDegreeOfParallelism(2).Select(i =>
        {
            var name = $"{prefix}{i:D2}";
            var result = admin.Create(new NewUser(name, name + " Display", role, password, password), "load");
            return result.User is { } user ? new AnnotatorRef(user.Id, user.UserName) : throw new InvalidOperationException(result.Message);
        }).ToList();
    }
}
