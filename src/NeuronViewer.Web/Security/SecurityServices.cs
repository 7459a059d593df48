using System.Net;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using NeuronViewer.Storage;
using NeuronViewer.Storage.Users;

namespace NeuronViewer.Web.Security;

/// <summary>Registers authentication (single-user, cookie login, or API tokens for /api), the role policies and the start-up guards.</summary>
public static class SecurityServices
{
    /// <summary>The default scheme: forwards to single-user authentication while it is active, else to the API token scheme for an
    /// <c>/api</c> request with an Authorization header, else to the login cookie.</summary>
    public const string Scheme = "NeuronViewer";

    /// <summary>Adds options, the schemes, the policies and the hosted guards; call once from Program.</summary>
    public static IServiceCollection AddNeuronViewerSecurity(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.Configure<AuthOptions>(configuration.GetSection(AuthOptions.Section));
        services.AddSingleton<AuthState>();
        services.AddSingleton<SetupToken>();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IPasswordHasher<UserAccount>, PasswordHasher<UserAccount>>();
        services.TryAddSingleton(sp => sp.GetRequiredService<NeuronViewerStore>().Users);
        services.AddSingleton<AccountService>();
        services.AddSingleton<UserAdministration>();
        services.AddSingleton<ApiTokens>();
        services.AddHostedService<ListenGuard>();
        services.AddHostedService<AccountBootstrap>();
        AddKeyRing(services);
        services.AddAuthentication(Scheme)
            .AddPolicyScheme(Scheme, "NeuronViewer", o => o.ForwardDefaultSelector = context =>
                context.RequestServices.GetRequiredService<AuthState>().SingleUserActive
                    ? SingleUserHandler.SchemeName
                    : ApiTokenHandler.Carries(context.Request) ? ApiTokenHandler.SchemeName
                    : CookieAuthenticationDefaults.AuthenticationScheme)
            .AddScheme<AuthenticationSchemeOptions, SingleUserHandler>(SingleUserHandler.SchemeName, null)
            .AddScheme<AuthenticationSchemeOptions, ApiTokenHandler>(ApiTokenHandler.SchemeName, null)
            .AddCookie(ConfigureCookie);
        services.AddOptions<CookieAuthenticationOptions>(CookieAuthenticationDefaults.AuthenticationScheme)
            .Configure<IOptions<AuthOptions>>((cookie, auth) => cookie.ExpireTimeSpan = TimeSpan.FromHours(auth.Value.SessionHours));
        services.AddAuthorizationBuilder().AddNeuronViewerPolicies();
        services.Configure<AntiforgeryOptions>(o => o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest); // Secure over HTTPS, like the login cookie
        services.AddCascadingAuthenticationState();
        services.AddScoped<AuthenticationStateProvider, UserRevalidation>();
        return services;
    }

    /// <summary>The data-protection keys (they sign login cookies and antiforgery tokens) live in the data folder's <c>keys</c> folder, readable only by this user, so logins survive a restart.</summary>
    private static void AddKeyRing(IServiceCollection services)
    {
        services.AddDataProtection().SetApplicationName("NeuronViewer");
        services.AddOptions<KeyManagementOptions>().Configure<NeuronViewerStore, ILoggerFactory>((o, store, loggers) =>
        {
            var folder = Path.Combine(store.Folder, "keys");
            if (OperatingSystem.IsWindows())
                Directory.CreateDirectory(folder);
            else
                Directory.CreateDirectory(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            o.XmlRepository = new FileSystemXmlRepository(new DirectoryInfo(folder), loggers);
        });
    }

    /// <summary>
    /// Believes <c>X-Forwarded-For</c> and <c>X-Forwarded-Proto</c> from the addresses in NeuronViewer:Auth:TrustedProxies only
    /// (nothing is believed when none are set), so behind an HTTPS proxy the login cookie is Secure and the client's address is known.
    /// </summary>
    public static IApplicationBuilder UseTrustedProxies(this IApplicationBuilder app)
    {
        var proxies = app.ApplicationServices.GetRequiredService<IOptions<AuthOptions>>().Value.TrustedProxies;
        if (proxies.Length == 0)
            return app;
        var options = new ForwardedHeadersOptions { ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto };
        options.KnownIPNetworks.Clear();
        options.KnownProxies.Clear();
        foreach (var proxy in proxies)
            options.KnownProxies.Add(IPAddress.Parse(proxy));
        return app.UseForwardedHeaders(options);
    }

    /// <summary>API answers (401, 403, 404, problem details) keep their status and body: the status-code pages (the not-found page) are for pages only.</summary>
    public static IApplicationBuilder UseApiStatusCodesAsIs(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        if (IsApi(context.Request) && context.Features.Get<IStatusCodePagesFeature>() is { } pages)
            pages.Enabled = false;
        return next(context);
    });

    /// <summary>Whether the request is for the REST API (answered with 401/403, never a redirect to the login page).</summary>
    public static bool IsApi(HttpRequest request) => request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase);

    private static void ConfigureCookie(CookieAuthenticationOptions o)
    {
        o.Cookie.Name = ".NeuronViewer.Login";
        o.Cookie.HttpOnly = true;
        o.Cookie.SameSite = SameSiteMode.Lax;
        o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        o.LoginPath = "/login";
        o.AccessDeniedPath = "/denied";
        o.ReturnUrlParameter = "returnUrl";
        o.SlidingExpiration = true;
        o.Events.OnValidatePrincipal = async context =>
        {
            if (context.Principal is { } principal && context.HttpContext.RequestServices.GetRequiredService<AccountService>().IsCurrent(principal))
                return;
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        };
        o.Events.OnRedirectToLogin = context => RedirectOrStatus(context, StatusCodes.Status401Unauthorized);
        o.Events.OnRedirectToAccessDenied = context => RedirectOrStatus(context, StatusCodes.Status403Forbidden);
    }

    private static Task RedirectOrStatus(RedirectContext<CookieAuthenticationOptions> context, int apiStatus)
    {
        if (IsApi(context.Request))
        {
            return apiStatus == StatusCodes.Status401Unauthorized
                ? ApiRefusal.UnauthorizedAsync(context.HttpContext, null, invalidToken: false)
                : ApiRefusal.ForbiddenAsync(context.HttpContext);
        }
        context.Response.Redirect(context.RedirectUri);
        return Task.CompletedTask;
    }
}
