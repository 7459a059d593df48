using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using NeuronViewer.Web.Api;

namespace NeuronViewer.Web.Security;

/// <summary>Authenticates every request made on this machine as the local user with every role; selected only while <see cref="AuthState.SingleUserActive"/>.</summary>
internal sealed class SingleUserHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "SingleUser";

    /// <summary>The local user: id <see cref="UserClaims.LocalUserId"/>, every role.</summary>
    public static ClaimsPrincipal LocalUser { get; } = new(new ClaimsIdentity(
        [
            new Claim(UserClaims.Id, UserClaims.LocalUserId),
            new Claim(UserClaims.UserName, UserClaims.LocalUserId),
            new Claim(UserClaims.DisplayName, "Local user"),
            .. Roles.All.Select(r => new Claim(ClaimTypes.Role, r)),
        ],
        SchemeName, UserClaims.UserName, ClaimTypes.Role));

    protected override Task<AuthenticateResult> HandleAuthenticateAsync() =>
        Task.FromResult(LocalOnly.Refusal(Context) is { } refusal
            ? AuthenticateResult.Fail(refusal)
            : AuthenticateResult.Success(new AuthenticationTicket(LocalUser, SchemeName)));

    /// <summary>A request from elsewhere gets 403 with the reason (problem details on the API, plain text on pages), never a login page.</summary>
    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var reason = (await HandleAuthenticateOnceSafeAsync()).Failure?.Message ?? "Single-user mode answers only this machine.";
        if (SecurityServices.IsApi(Request))
        {
            await Problems.Forbidden(reason).ExecuteAsync(Context);
            return;
        }
        Response.StatusCode = StatusCodes.Status403Forbidden;
        Response.ContentType = "text/plain; charset=utf-8";
        await Response.WriteAsync(reason);
    }
}
