using LiteDB;

namespace NeuronViewer.Storage.Users;

/// <summary>A stored login: names, roles, the password hash (never the password), lock-out state and times.</summary>
public sealed class UserAccount
{
    /// <summary>The stable id (32 hex digits), set on create; it never changes and identifies the user's work (for example ratings).</summary>
    [BsonId(false)]
    public string Id { get; set; } = "";

    public string UserName { get; set; } = "";

    /// <summary>The user name in lower case: unique, used to find a user whatever case they type.</summary>
    public string NormalizedUserName { get; set; } = "";

    public string DisplayName { get; set; } = "";

    public List<string> Roles { get; set; } = [];

    /// <summary>The password hash in the hasher's own versioned format.</summary>
    public string PasswordHash { get; set; } = "";

    /// <summary>A random value replaced whenever password, roles or lock change; a login cookie with an old stamp is refused.</summary>
    public string SecurityStamp { get; set; } = "";

    /// <summary>Failed password attempts since the last success or lock-out.</summary>
    public int FailedAttempts { get; set; }

    /// <summary>Until when the account is locked after too many failed attempts.</summary>
    public DateTimeOffset? LockoutEnd { get; set; }

    /// <summary>Locked by an admin until an admin unlocks it.</summary>
    public bool Disabled { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? LastLoginAt { get; set; }

    /// <summary>Whether the account may not log in at <paramref name="now"/>.</summary>
    public bool IsLockedAt(DateTimeOffset now) => Disabled || LockoutEnd > now;
}
