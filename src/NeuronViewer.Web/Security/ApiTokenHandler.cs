using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace NeuronViewer.Web.Security;

/// <summary>
/// Authenticates an API request by its <c>Authorization: Bearer nvt_…</c> header as the token's owner with their current roles;
/// selected only for <c>/api</c> requests that carry an Authorization header, so a token never signs in to pages.
/// </summary>
internal sealed class ApiTokenHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, ApiTokens tokens)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiToken";

    private const string Bearer = "Bearer ";

    /// <summary>Whether the request is for this scheme: an API request with an Authorization header (of any kind: a wrong one is refused here, not ignored).</summary>
    public static bool Carries(HttpRequest request) => SecurityServices.IsApi(request) && request.Headers.ContainsKey(HeaderNames.Authorization);

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith(Bearer, StringComparison.OrdinalIgnoreCase))
            return Task.FromResult(AuthenticateResult.Fail(ApiTokens.MalformedProblem));
        var check = tokens.Check(header[Bearer.Length..].Trim());
        return Task.FromResult(check.Succeeded
            ? AuthenticateResult.Success(new AuthenticationTicket(AccountService.PrincipalFor(check.User!, SchemeName), SchemeName))
            : AuthenticateResult.Fail(check.Problem!));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var result = await HandleAuthenticateOnceSafeAsync();
        await ApiRefusal.UnauthorizedAsync(Context, result.Failure?.Message, invalidToken: true);
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) => ApiRefusal.ForbiddenAsync(Context);
}
