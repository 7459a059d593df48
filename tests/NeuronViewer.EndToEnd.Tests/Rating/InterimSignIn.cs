using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Playwright;

namespace NeuronViewer.EndToEnd.Tests.Rating;

/// <summary>
/// Interim sign-in until the app's accounts land on main: a test-only authentication scheme that reads the user from a cookie the
/// browser context carries. <see cref="SignInAsync"/> is the one place to switch to the real login form.
/// </summary>
public static class InterimSignIn
{
    private const string Cookie = "nv-e2e-user";

    /// <summary>Adds the cookie scheme to the app under test.</summary>
    public static void Configure(IWebHostBuilder builder) =>
        builder.ConfigureTestServices(services => services.AddAuthentication("e2e").AddScheme<AuthenticationSchemeOptions, CookieUserHandler>("e2e", null));

    /// <summary>Signs the browser context in as the user (stable id, display name, role).</summary>
    public static Task SignInAsync(IBrowserContext context, string baseUrl, string id, string name, string role) =>
        context.AddCookiesAsync([new Cookie { Name = Cookie, Value = Uri.EscapeDataString($"{id}|{name}|{role}"), Url = baseUrl }]);

    private sealed class CookieUserHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
        : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
    {
        protected override Task<AuthenticateResult> HandleAuthenticateAsync()
        {
            if (!Request.Cookies.TryGetValue(Cookie, out var value))
                return Task.FromResult(AuthenticateResult.NoResult());
            var parts = Uri.UnescapeDataString(value).Split('|');
            var identity = new ClaimsIdentity(
                [new Claim(ClaimTypes.NameIdentifier, parts[0]), new Claim(ClaimTypes.Name, parts[1]), new Claim(ClaimTypes.Role, parts[2])], Scheme.Name);
            return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), Scheme.Name)));
        }
    }
}
