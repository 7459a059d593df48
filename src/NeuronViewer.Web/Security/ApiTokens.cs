using NeuronViewer.Storage;
using NeuronViewer.Storage.Users;

namespace NeuronViewer.Web.Security;

/// <summary>The outcome of presenting a token: the owner and token on success, else the one-line reason it was refused.</summary>
public sealed record ApiTokenCheck(UserAccount? User, ApiToken? Token, string? Problem)
{
    public bool Succeeded => Problem is null;
}

/// <summary>
/// Personal API tokens for scripts: users create, list and revoke their own; admins count and revoke a user's; the token scheme checks
/// a presented secret. Secrets are never logged: log lines name the token's id, name and owner.
/// </summary>
public sealed class ApiTokens(NeuronViewerStore store, AuthState state, TimeProvider clock, ILogger<ApiTokens> logger)
{
    /// <summary>The longest token name accepted.</summary>
    public const int MaxNameLength = 80;

    /// <summary>The longest expiry accepted, in days.</summary>
    public const int MaxExpiryDays = 3650;

    /// <summary>How often at most a token's last use is written.</summary>
    public static readonly TimeSpan LastUseInterval = TimeSpan.FromMinutes(1);

    /// <summary>Why a presented text is not even shaped like a token.</summary>
    public const string MalformedProblem = "The Authorization header must be 'Bearer nvt_...' with a NeuronViewer API token.";

    public DateTimeOffset Now => clock.GetUtcNow();

    /// <summary>A problem with a token name, or null when it is acceptable.</summary>
    public static string? NameProblem(string? name) =>
        string.IsNullOrWhiteSpace(name) ? "Give the token a name, for example the machine or script that uses it."
        : name.Trim().Length > MaxNameLength ? $"The name is {name.Trim().Length} characters; use at most {MaxNameLength}."
        : null;

    /// <summary>A problem with an expiry in days (null = never), or null when it is acceptable.</summary>
    public static string? ExpiryProblem(int? days) =>
        days is < 1 or > MaxExpiryDays ? $"Expiry must be between 1 and {MaxExpiryDays} days, or empty for never (was {days})." : null;

    /// <summary>Creates a token for the user; the secret is in the result and nowhere else. Refused in single-user mode (no token is needed there).</summary>
    public (IssuedApiToken? Issued, string? Problem) Create(string userId, string? name, int? expiresInDays)
    {
        if (state.SingleUserActive)
            return (null, "Single-user mode needs no API tokens: scripts on this machine reach /api without one.");
        if ((NameProblem(name) ?? ExpiryProblem(expiresInDays)) is { } problem)
            return (null, problem);
        var user = store.Users.Get(userId);
        if (user is null || user.Disabled)
            return (null, "Your account is locked or no longer exists.");
        var now = Now;
        var issued = store.ApiTokens.Issue(user.Id, name!, now, expiresInDays is { } days ? now.AddDays(days) : null);
        logger.LogInformation("{UserName} created API token {TokenId} ({TokenName}), expires {Expires}",
            user.UserName, issued.Token.Id, issued.Token.Name, issued.Token.ExpiresAt?.ToString("u") ?? "never");
        return (issued, null);
    }

    /// <summary>The user's tokens, newest first.</summary>
    public IReadOnlyList<ApiToken> List(string userId) => store.ApiTokens.ListForUser(userId);

    /// <summary>Revokes one of the user's own tokens; false when they have no such token or it is revoked already.</summary>
    public bool Revoke(string userId, string tokenId)
    {
        var revoked = store.ApiTokens.Revoke(userId, tokenId, Now);
        if (revoked)
            logger.LogInformation("{UserName} revoked API token {TokenId}", UserName(userId), tokenId);
        return revoked;
    }

    /// <summary>How many working tokens each user has (users without any are absent).</summary>
    public IReadOnlyDictionary<string, int> ActiveCounts() => store.ApiTokens.ActiveCounts(Now);

    /// <summary>An admin revokes every token of a user; returns how many.</summary>
    public int RevokeAll(string actor, string userId)
    {
        var count = store.ApiTokens.RevokeAll(userId, Now);
        logger.LogInformation("{Actor} revoked all {Count} API tokens of {UserName}", UserName(actor), count, UserName(userId));
        return count;
    }

    /// <summary>The state of a token as the pages show it: active, revoked, or expired.</summary>
    public static string Status(ApiToken token, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(token);
        return token.RevokedAt is not null ? "revoked" : token.IsExpiredAt(now) ? "expired" : "active";
    }

    /// <summary>Checks a presented secret: known, not revoked, not expired, and its owner exists and is not locked by an admin. Records the use (at most once a minute).</summary>
    public ApiTokenCheck Check(string secret)
    {
        if (!ApiTokenRepository.LooksLikeSecret(secret))
            return Refuse(null, MalformedProblem, "not shaped like a token");
        var token = store.ApiTokens.FindBySecret(secret);
        if (token is null)
            return Refuse(null, "The API token is not valid.", "unknown token");
        var now = Now;
        if (token.RevokedAt is { } revoked)
            return Refuse(token, $"The API token '{token.Name}' was revoked on {revoked.UtcDateTime:u}.", "revoked");
        if (token.IsExpiredAt(now))
            return Refuse(token, $"The API token '{token.Name}' expired on {token.ExpiresAt!.Value.UtcDateTime:u}.", "expired");
        var user = store.Users.Get(token.UserId);
        if (user is null || user.Disabled)
            return Refuse(token, "The API token's owner is locked or no longer exists.", "owner locked or deleted");
        if (!token.UsedWithin(now, LastUseInterval)) // most calls: no write transaction on the request's path
            store.ApiTokens.Touch(token.Id, now, LastUseInterval);
        return new(user, token, null);
    }

    private ApiTokenCheck Refuse(ApiToken? token, string problem, string reason)
    {
        if (token is null)
            logger.LogWarning("API token refused: {Reason}", reason);
        else
            logger.LogWarning("API token {TokenId} ({TokenName}) of {UserName} refused: {Reason}", token.Id, token.Name, UserName(token.UserId), reason);
        return new(null, null, problem);
    }

    private string UserName(string id) => store.Users.Get(id)?.UserName ?? id;
}
