using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.Options;

namespace NeuronViewer.Web.Security;

/// <summary>Registers authentication (single-user or cookie login), the role policies and the start-up guards.</summary>
public static class SecurityServices
{
    /// <summary>The default scheme: forwards to single-user authentication while it is active, else to the login cookie.</summary>
    public const string Scheme = "NeuronViewer";

    /// <summary>Adds options, the schemes, the policies and the hosted guards; call once from Program.</summary>
    public static IServiceCollection AddNeuronViewerSecurity(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.Configure<AuthOptions>(configuration.GetSection(AuthOptions.Section));
        services.AddSingleton<AuthState>();
        services.AddHostedService<ListenGuard>();
        services.AddAuthentication(Scheme)
            .AddPolicyScheme(Scheme, "NeuronViewer", o => o.ForwardDefaultSelector = context =>
                context.RequestServices.GetRequiredService<AuthState>().SingleUserActive
                    ? SingleUserHandler.SchemeName
                    : CookieAuthenticationDefaults.AuthenticationScheme)
            .AddScheme<AuthenticationSchemeOptions, SingleUserHandler>(SingleUserHandler.SchemeName, null)
            .AddCookie(ConfigureCookie);
        services.AddOptions<CookieAuthenticationOptions>(CookieAuthenticationDefaults.AuthenticationScheme)
            .Configure<IOptions<AuthOptions>>((cookie, auth) => cookie.ExpireTimeSpan = TimeSpan.FromHours(auth.Value.SessionHours));
        services.AddAuthorizationBuilder().AddNeuronViewerPolicies();
        services.AddCascadingAuthenticationState();
        return services;
    }

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
        o.Events.OnRedirectToLogin = context => RedirectOrStatus(context, StatusCodes.Status401Unauthorized);
        o.Events.OnRedirectToAccessDenied = context => RedirectOrStatus(context, StatusCodes.Status403Forbidden);
    }

    private static Task RedirectOrStatus(RedirectContext<CookieAuthenticationOptions> context, int apiStatus)
    {
        if (IsApi(context.Request))
            context.Response.StatusCode = apiStatus;
        else
            context.Response.Redirect(context.RedirectUri);
        return Task.CompletedTask;
    }
}
