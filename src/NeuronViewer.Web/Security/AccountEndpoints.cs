using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.WebUtilities;
using NeuronViewer.Storage;

namespace NeuronViewer.Web.Security;

/// <summary>
/// Login, logout and first-admin setup as plain HTML form posts (a cookie cannot be set inside a SignalR circuit), each checked for its
/// antiforgery token; errors go back to the page as a code, never as text from the request. Also <c>/api/me</c> and <c>/api/users</c>.
/// </summary>
public static class AccountEndpoints
{
    /// <summary>Maps <c>POST /account/login|logout|setup</c>, <c>GET /api/me</c> (any role) and <c>GET /api/users</c> (admin).</summary>
    public static IEndpointRouteBuilder MapNeuronViewerAccounts(this IEndpointRouteBuilder app)
    {
        var account = app.MapGroup("/account").AllowAnonymous().DisableAntiforgery();
        account.MapPost("/login", Login);
        account.MapPost("/logout", Logout);
        account.MapPost("/setup", Setup);
        app.MapGet("/api/me", (HttpContext context, AuthState state) => new
        {
            id = context.User.UserId(),
            userName = context.User.Identity?.Name,
            displayName = context.User.ShownName(),
            roles = Roles.All.Where(context.User.IsInRole).ToArray(),
            singleUser = state.SingleUserActive,
        }).RequireAuthorization(Policies.Annotate);
        app.MapGet("/api/users", (UserAdministration admin) => admin.List().Select(u => new
        {
            id = u.Id, userName = u.UserName, displayName = u.DisplayName, role = UserAdministration.PrimaryRole(u),
            locked = u.Disabled, lockedOutUntil = u.LockoutEnd, createdAt = u.CreatedAt, lastLoginAt = u.LastLoginAt,
        })).RequireAuthorization(Policies.Admin);
        return app;
    }

    private static async Task<IResult> Login(HttpContext context, IAntiforgery antiforgery, AccountService accounts, AuthState state)
    {
        var form = await ValidForm(context, antiforgery);
        var returnUrl = LocalUrl.OrDefault(form?["returnUrl"].ToString(), "");
        if (form is null)
            return Back("/login", "form", ("returnUrl", returnUrl));
        if (state.SingleUserActive)
            return Results.Redirect(returnUrl.Length > 0 ? returnUrl : "/");
        var userName = form["userName"].ToString().Trim();
        var password = form["password"].ToString();
        if (userName.Length == 0 || password.Length == 0)
            return Back("/login", "missing", ("returnUrl", returnUrl), ("user", userName));
        var result = accounts.CheckPassword(userName, password);
        switch (result.Status)
        {
            case LoginStatus.Success:
                var principal = AccountService.PrincipalFor(result.User!);
                await context.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, principal);
                return Results.Redirect(returnUrl.Length > 0 ? returnUrl : principal.IsInRole(Roles.Researcher) ? "/" : "/rate");
            case LoginStatus.LockedOut:
                return Back("/login", "locked", ("returnUrl", returnUrl), ("user", userName), ("until", result.LockedUntil?.UtcDateTime.ToString("O")));
            case LoginStatus.Disabled:
                return Back("/login", "disabled", ("returnUrl", returnUrl), ("user", userName));
            default:
                return Back("/login", "invalid", ("returnUrl", returnUrl), ("user", userName));
        }
    }

    private static async Task<IResult> Logout(HttpContext context, IAntiforgery antiforgery)
    {
        if (await ValidForm(context, antiforgery) is null)
            return Results.Redirect("/");
        await context.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        return Results.Redirect("/login?signedOut=1");
    }

    private static async Task<IResult> Setup(
        HttpContext context, IAntiforgery antiforgery, NeuronViewerStore store, SetupToken token, UserAdministration admin, ILoggerFactory loggers)
    {
        var form = await ValidForm(context, antiforgery);
        if (form is null)
            return Back("/setup", "form");
        if (store.Users.Count() > 0)
        {
            token.Expire();
            return Back("/login", "setup-done");
        }
        var (userName, displayName) = (form["userName"].ToString().Trim(), form["displayName"].ToString().Trim());
        (string, string?)[] keep = [("userName", userName), ("displayName", displayName)];
        if (!token.Matches(form["token"].ToString()))
        {
            loggers.CreateLogger(typeof(AccountEndpoints)).LogWarning("Setup refused: wrong or expired setup token");
            return Back("/setup", "token", keep);
        }
        var result = admin.Create(new NewUser(userName, displayName, Roles.Admin, form["password"].ToString(), form["confirmPassword"].ToString()), "setup", firstOnly: true);
        if (!result.Succeeded)
            return Back(result.Errors.ContainsKey("") ? "/login" : "/setup", result.Errors.ContainsKey("") ? "setup-done" : result.Errors.Keys.First(), keep);
        token.Expire();
        await context.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, AccountService.PrincipalFor(result.User!));
        return Results.Redirect("/admin/users");
    }

    /// <summary>The posted form when it is a form with a valid antiforgery token, else null.</summary>
    private static async Task<IFormCollection?> ValidForm(HttpContext context, IAntiforgery antiforgery)
    {
        if (!context.Request.HasFormContentType || !await antiforgery.IsRequestValidAsync(context))
            return null;
        return await context.Request.ReadFormAsync();
    }

    private static IResult Back(string page, string error, params (string Key, string? Value)[] query)
    {
        var values = new Dictionary<string, string?> { ["error"] = error };
        foreach (var (key, value) in query.Where(q => !string.IsNullOrEmpty(q.Value)))
            values[key] = value;
        return Results.Redirect(QueryHelpers.AddQueryString(page, values));
    }
}
