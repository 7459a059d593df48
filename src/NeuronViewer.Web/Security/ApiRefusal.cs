using NeuronViewer.Web.Api;

namespace NeuronViewer.Web.Security;

/// <summary>The API's 401 and 403 answers (cookie or token): problem details and, for 401, a <c>WWW-Authenticate: Bearer</c> challenge; never a redirect.</summary>
internal static class ApiRefusal
{
    /// <summary>The 401 detail when the request carried neither a login cookie nor a token.</summary>
    public const string NoCredentials =
        "Sign in (the login cookie) or send 'Authorization: Bearer nvt_...' with a personal API token from /account/tokens.";

    public static Task UnauthorizedAsync(HttpContext context, string? problem, bool invalidToken)
    {
        context.Response.Headers.WWWAuthenticate = invalidToken ? "Bearer error=\"invalid_token\"" : "Bearer";
        return Problems.Unauthorized(problem ?? NoCredentials).ExecuteAsync(context);
    }

    public static Task ForbiddenAsync(HttpContext context) =>
        Problems.Forbidden("Your role may not use this endpoint.").ExecuteAsync(context);
}
