using LiteDB;

namespace NeuronViewer.Storage.Users;

/// <summary>A personal API token: its owner, the name they gave it, times, and the SHA-256 hash of its secret (never the secret).</summary>
public sealed class ApiToken
{
    /// <summary>The stable id (32 hex digits), set on create; shown and logged in place of the secret.</summary>
    [BsonId(false)]
    public string Id { get; set; } = "";

    /// <summary>The owning user's id (<see cref="UserAccount.Id"/>).</summary>
    public string UserId { get; set; } = "";

    /// <summary>The name the owner gave it (for example "laptop notebook"); plain text, shown as text.</summary>
    public string Name { get; set; } = "";

    /// <summary>The SHA-256 hash of the secret, lower-case hex.</summary>
    public string SecretHash { get; set; } = "";

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>When the token last authenticated a request, to the minute (it is written at most once a minute).</summary>
    public DateTimeOffset? LastUsedAt { get; set; }

    /// <summary>When the token stops working, or null for never.</summary>
    public DateTimeOffset? ExpiresAt { get; set; }

    /// <summary>When the owner or an admin revoked it, or null.</summary>
    public DateTimeOffset? RevokedAt { get; set; }

    /// <summary>Whether a use was recorded less than <paramref name="interval"/> before <paramref name="now"/> (then no new one is written).</summary>
    public bool UsedWithin(DateTimeOffset now, TimeSpan interval) => LastUsedAt > now - interval;

    /// <summary>Whether the token has expired at <paramref name="now"/>.</summary>
    public bool IsExpiredAt(DateTimeOffset now) => ExpiresAt <= now;

    /// <summary>Whether the token may authenticate at <paramref name="now"/>: neither revoked nor expired.</summary>
    public bool IsActiveAt(DateTimeOffset now) => RevokedAt is null && !IsExpiredAt(now);
}

/// <summary>A token just created, with its secret: the only moment the secret exists outside the caller's hands.</summary>
public sealed record IssuedApiToken(ApiToken Token, string Secret);
