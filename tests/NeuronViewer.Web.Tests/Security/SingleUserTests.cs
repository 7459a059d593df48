using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using NeuronViewer.Web.Security;

namespace NeuronViewer.Web.Tests.Security;

public sealed class SingleUserTests
{
    private static async Task AssertLocalUserWithEveryRole(HttpClient http)
    {
        var me = await http.GetFromJsonAsync<JsonElement>("/api/me");
        Assert.Equal(UserClaims.LocalUserId, me.GetProperty("id").GetString());
        Assert.Equal(Roles.All, me.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        Assert.True(me.GetProperty("singleUser").GetBoolean());
    }

    [Fact]
    public async Task By_default_every_request_is_the_local_user_with_every_role_and_no_login()
    {
        using var app = new TestApp();
        using var visitor = app.Visit();

        Assert.Equal(HttpStatusCode.OK, await visitor.Status("/"));
        Assert.Equal(HttpStatusCode.OK, await visitor.Status("/admin/users"));
        await AssertLocalUserWithEveryRole(visitor.Http);
        Assert.Contains("single-user mode: no login is needed", await visitor.Http.GetStringAsync("/login"));
        Assert.Equal("/dev/components", Visitor.Location(await visitor.Login("whoever", "whatever", "/dev/components")));
        Assert.Contains("Single-user mode", await visitor.Http.GetStringAsync("/"));
        using var missingPage = await visitor.Http.GetAsync("/no-such-page");
        using var missingApi = await visitor.Http.GetAsync("/api/no-such-thing");
        Assert.Equal((HttpStatusCode.NotFound, HttpStatusCode.NotFound), (missingPage.StatusCode, missingApi.StatusCode));
        Assert.Contains("Not Found", await missingPage.Content.ReadAsStringAsync());
        Assert.Equal("", await missingApi.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task On_a_real_loopback_port_single_user_mode_is_on()
    {
        using var app = new TestApp();
        app.UseKestrel(0);
        app.StartServer();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        using var http = new HttpClient { BaseAddress = new Uri(address) };

        Assert.True(ListenAddresses.IsLoopback(address), address);
        Assert.True(app.Services.GetRequiredService<AuthState>().SingleUserActive);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/dev/components")).StatusCode);
        await AssertLocalUserWithEveryRole(http);
    }

    [Theory]
    [InlineData("urls", "http://localhost:5000;http://0.0.0.0:0")]
    [InlineData("http_ports", "8080")]
    [InlineData("Kestrel:Endpoints:Public:Url", "http://192.168.1.5:80")]
    public void Single_user_mode_does_not_start_on_a_configured_non_loopback_address(string key, string value)
    {
        using var app = new TestApp((key, value));

        Assert.ThrowsAny<InvalidOperationException>(() => app.Visit());
        Assert.DoesNotContain(app.Log.Lines, l => l.Contains("Single-user mode on", StringComparison.Ordinal));
    }

    [Fact]
    public void Single_user_mode_found_bound_to_every_interface_authenticates_nobody_and_stops_the_app()
    {
        using var app = new TestApp();
        app.UseKestrel(k => k.Listen(IPAddress.Any, 0));
        try
        {
            app.StartServer();
        }
        catch (ObjectDisposedException)
        {
            // The app stopped itself (as it should) before the factory read its address.
        }
        SpinWait.SpinUntil(() => app.Log.All.Contains("Application is shutting down", StringComparison.Ordinal), TimeSpan.FromSeconds(30));

        var refusal = Assert.Single(app.Log.Lines, l => l.Contains("ListenGuard Critical", StringComparison.Ordinal));
        Assert.Contains("single-user mode (no login) is only for localhost, but it would listen on http://0.0.0.0:", refusal);
        Assert.Contains("NeuronViewer__Auth__Mode=accounts", refusal);
        Assert.DoesNotContain(app.Log.Lines, l => l.Contains("Single-user mode on", StringComparison.Ordinal));
        Assert.Contains(app.Log.Lines, l => l.Contains("Application is shutting down", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Accounts_mode_may_listen_on_any_address_and_asks_for_a_login()
    {
        using var app = new TestApp(("NeuronViewer:Auth:Mode", "accounts"), ("urls", "http://0.0.0.0:0"));
        using var visitor = app.Visit();

        Assert.Equal("/login?returnUrl=%2F", Visitor.Location(await visitor.Http.GetAsync("/")));
        Assert.Equal(HttpStatusCode.Unauthorized, await visitor.Status("/api/me"));
    }

    [Theory]
    [InlineData("http://localhost:5000", true)]
    [InlineData("http://127.0.0.1:5000", true)]
    [InlineData("http://127.8.9.10:1", true)]
    [InlineData("https://[::1]:5001", true)]
    [InlineData("http://LOCALHOST", true)]
    [InlineData("http://0.0.0.0:5000", false)]
    [InlineData("http://[::]:5000", false)]
    [InlineData("http://*:5000", false)]
    [InlineData("http://+:5000", false)]
    [InlineData("http://example.org:5000", false)]
    [InlineData("http://localhost.example.org", false)]
    [InlineData("http://10.0.0.2:5000", false)]
    [InlineData("http://unix:/run/nv.sock", false)]
    [InlineData("localhost:5000", false)]
    public void Loopback_addresses_are_recognised(string address, bool loopback) =>
        Assert.Equal(loopback, ListenAddresses.IsLoopback(address));
}
