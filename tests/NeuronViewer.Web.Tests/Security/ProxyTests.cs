using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Http;
using NeuronViewer.Web.Security;

namespace NeuronViewer.Web.Tests.Security;

/// <summary>Single-user mode answers only this machine (not a proxy in front of it); NeuronViewer:Auth:TrustedProxies makes a TLS proxy's headers count.</summary>
public sealed class ProxyTests
{
    private const string Client = "203.0.113.7";

    /// <summary>Sends a GET as it would arrive from <paramref name="from"/> (null: in-process, no address) with the extra headers.</summary>
    private static Task<HttpContext> Get(TestApp app, string path, string? from, params (string Name, string Value)[] headers) =>
        app.Server.SendAsync(context =>
        {
            context.Request.Method = HttpMethods.Get;
            context.Request.Path = path;
            context.Connection.RemoteIpAddress = from is null ? null : IPAddress.Parse(from);
            foreach (var (name, value) in headers)
                context.Request.Headers[name] = value;
        });

    private static string Body(HttpContext context) => new StreamReader(context.Response.Body).ReadToEnd();

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("::1")]
    [InlineData("::ffff:127.0.0.1")]
    public async Task Single_user_mode_serves_requests_made_on_this_machine(string from)
    {
        using var app = new TestApp();
        Assert.Equal(StatusCodes.Status200OK, (await Get(app, "/api/me", from)).Response.StatusCode);
        Assert.Equal(StatusCodes.Status200OK, (await Get(app, "/", from)).Response.StatusCode);
    }

    [Fact]
    public async Task Single_user_mode_refuses_a_request_from_another_address_or_through_a_proxy_with_the_reason()
    {
        using var app = new TestApp();

        var remote = await Get(app, "/api/neurons", Client);
        Assert.Equal(StatusCodes.Status403Forbidden, remote.Response.StatusCode);
        var problem = JsonDocument.Parse(Body(remote)).RootElement;
        Assert.Contains($"this request came from {Client}", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);

        foreach (var header in new[] { "X-Forwarded-For", "Forwarded", "X-Real-IP" })
        {
            var proxied = await Get(app, "/", "127.0.0.1", (header, Client));
            Assert.Equal(StatusCodes.Status403Forbidden, proxied.Response.StatusCode);
            var text = Body(proxied);
            Assert.Contains($"through a proxy (it carries {header})", text, StringComparison.Ordinal);
            Assert.Contains("NeuronViewer:Auth:Mode to accounts", text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_trusted_proxy_passes_on_the_clients_address_and_an_untrusted_one_is_not_believed()
    {
        using var trusting = new TestApp((AuthOptions.Section + ":TrustedProxies:0", "127.0.0.1"));
        // The proxy's X-Forwarded-For is applied: the request is from the client, so single-user mode refuses it by that address.
        var viaTrusted = await Get(trusting, "/api/me", "127.0.0.1", ("X-Forwarded-For", Client));
        Assert.Equal(StatusCodes.Status403Forbidden, viaTrusted.Response.StatusCode);
        Assert.Contains($"this request came from {Client}", Body(viaTrusted), StringComparison.Ordinal);

        // From an address not in the list the header is not applied (the proxy guard still refuses it, by the header).
        var viaOther = await Get(trusting, "/api/me", "127.0.0.2", ("X-Forwarded-For", Client));
        Assert.Equal(StatusCodes.Status403Forbidden, viaOther.Response.StatusCode);
        Assert.Contains("it carries X-Forwarded-For", Body(viaOther), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(true, true)]
    [InlineData(false, false)]
    public async Task Behind_a_trusted_https_proxy_the_login_and_antiforgery_cookies_are_secure(bool trusted, bool secure)
    {
        using var app = new TestApp(
            [(AuthOptions.Section + ":Mode", AuthOptions.AccountsMode), .. trusted ? new[] { (AuthOptions.Section + ":TrustedProxies:0", "127.0.0.1") } : []]);
        app.AddUser("ada", Roles.Researcher);
        // Cookies are carried by hand: a client's cookie jar would not send a Secure cookie back over the proxy's plain HTTP.
        using var http = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        http.DefaultRequestHeaders.Add("X-Forwarded-Proto", "https");
        using var page = await http.GetAsync("/login");
        var antiforgery = SetCookie(page, ".AspNetCore.Antiforgery.");
        var token = Regex.Match(await page.Content.ReadAsStringAsync(), "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value;
        using var form = new HttpRequestMessage(HttpMethod.Post, "/account/login")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["userName"] = "ada", ["password"] = TestApp.Password, ["returnUrl"] = "", ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token),
            }),
        };
        form.Headers.Add("Cookie", antiforgery.Split(';')[0]);
        using var login = await http.SendAsync(form);

        Assert.Equal(secure, antiforgery.Contains("; secure", StringComparison.OrdinalIgnoreCase));
        Assert.Equal(secure, SetCookie(login, ".NeuronViewer.Login=").Contains("; secure", StringComparison.OrdinalIgnoreCase));
    }

    private static string SetCookie(HttpResponseMessage response, string name) =>
        Assert.Single(response.Headers.TryGetValues("Set-Cookie", out var all) ? all : [], c => c.StartsWith(name, StringComparison.Ordinal));

    [Fact]
    public void A_trusted_proxy_that_is_no_address_is_refused_at_start_by_name()
    {
        var options = new AuthOptions { TrustedProxies = ["127.0.0.1", "proxy.internal"] };
        Assert.Equal("NeuronViewer:Auth:TrustedProxies must hold IP addresses such as 127.0.0.1 or ::1 (was 'proxy.internal').", options.Problem());
    }
}
