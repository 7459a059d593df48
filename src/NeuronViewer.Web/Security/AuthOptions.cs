namespace NeuronViewer.Web.Security;

/// <summary>The <c>NeuronViewer:Auth</c> configuration section: mode, lock-out, session length, first admin's user name (never its password).</summary>
public sealed class AuthOptions
{
    public const string Section = "NeuronViewer:Auth";

    /// <summary>No login: every request is the local user with every role (only while listening on loopback addresses).</summary>
    public const string SingleUserMode = "single-user";

    /// <summary>Cookie login with users stored in the data folder's database.</summary>
    public const string AccountsMode = "accounts";

    /// <summary>The configuration key of the first admin's password: environment variable <c>NeuronViewer__Auth__AdminPassword</c> or user secrets only.</summary>
    public const string AdminPasswordKey = Section + ":AdminPassword";

    /// <summary><see cref="SingleUserMode"/> (default) or <see cref="AccountsMode"/>.</summary>
    public string Mode { get; set; } = SingleUserMode;

    /// <summary>User name of an admin created at start when no user of that name exists (password from <see cref="AdminPasswordKey"/>).</summary>
    public string? AdminUser { get; set; }

    /// <summary>Failed password attempts in a row before the account is locked.</summary>
    public int MaxFailedAttempts { get; set; } = 5;

    /// <summary>How long a lock-out after <see cref="MaxFailedAttempts"/> failures lasts.</summary>
    public int LockoutMinutes { get; set; } = 15;

    /// <summary>How long a login lasts without activity (sliding).</summary>
    public int SessionHours { get; set; } = 12;

    /// <summary>The shortest password accepted.</summary>
    public int MinPasswordLength { get; set; } = 10;

    /// <summary>
    /// Addresses of reverse proxies (e.g. the one terminating HTTPS) whose <c>X-Forwarded-For</c> and <c>X-Forwarded-Proto</c>
    /// are believed: the client's address and scheme then come from them. Empty (default): forwarding headers are ignored.
    /// </summary>
    public string[] TrustedProxies { get; set; } = [];

    public bool IsSingleUser => string.Equals(Mode, SingleUserMode, StringComparison.OrdinalIgnoreCase);

    /// <summary>A one-line message naming the first bad setting, or null when all are valid.</summary>
    public string? Problem()
    {
        if (!IsSingleUser && !string.Equals(Mode, AccountsMode, StringComparison.OrdinalIgnoreCase))
            return $"{Section}:Mode must be '{SingleUserMode}' or '{AccountsMode}' (was '{Mode}').";
        if (MaxFailedAttempts is < 1 or > 1000)
            return $"{Section}:MaxFailedAttempts must be between 1 and 1000 (was {MaxFailedAttempts}).";
        if (LockoutMinutes is < 1 or > 100_000)
            return $"{Section}:LockoutMinutes must be between 1 and 100000 (was {LockoutMinutes}).";
        if (SessionHours is < 1 or > 24 * 90)
            return $"{Section}:SessionHours must be between 1 and 2160 (was {SessionHours}).";
        if (MinPasswordLength is < 8 or > 128)
            return $"{Section}:MinPasswordLength must be between 8 and 128 (was {MinPasswordLength}).";
        if (TrustedProxies.FirstOrDefault(p => !System.Net.IPAddress.TryParse(p, out _)) is { } bad)
            return $"{Section}:TrustedProxies must hold IP addresses such as 127.0.0.1 or ::1 (was '{bad}').";
        return null;
    }
}
