using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace NeuronViewer.Web.Security;

/// <summary>Authenticates every request as the local user with every role; selected only while <see cref="AuthState.SingleUserActive"/>.</summary>
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
        Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(LocalUser, SchemeName)));
}
