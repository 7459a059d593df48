using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using NeuronViewer.Storage;
using NeuronViewer.Storage.Users;

namespace NeuronViewer.Web.Security;

/// <summary>Why a login succeeded or not.</summary>
public enum LoginStatus
{
    Success,
    Invalid,
    LockedOut,
    Disabled,
}

/// <summary>The outcome of a password check: the user on success, the lock's end when locked out.</summary>
public sealed record LoginResult(LoginStatus Status, UserAccount? User = null, DateTimeOffset? LockedUntil = null);

/// <summary>Checks passwords (counting failures, locking out), builds the login principal and decides whether a login is still current.</summary>
public sealed class AccountService(
    NeuronViewerStore store, IPasswordHasher<UserAccount> hasher, IOptions<AuthOptions> options, TimeProvider clock,
    AuthState state, ILogger<AccountService> logger)
{
    private readonly Lazy<string> dummyHash = new(() => hasher.HashPassword(new UserAccount(), Guid.NewGuid().ToString("N")));

    private UserRepository Users => store.Users;

    /// <summary>Checks a user name and password. Failures are counted; the <see cref="AuthOptions.MaxFailedAttempts"/>-th locks the account.</summary>
    public LoginResult CheckPassword(string userName, string password)
    {
        ArgumentNullException.ThrowIfNull(userName);
        ArgumentNullException.ThrowIfNull(password);
        var now = clock.GetUtcNow();
        var user = Users.FindByName(userName);
        if (user is null)
        {
            hasher.VerifyHashedPassword(new UserAccount(), dummyHash.Value, password); // as slow as a real check
            logger.LogWarning("Login failed: no such user name");
            return new(LoginStatus.Invalid);
        }
        if (user.Disabled)
        {
            logger.LogWarning("Login refused for {UserName}: locked by an admin", user.UserName);
            return new(LoginStatus.Disabled, LockedUntil: null);
        }
        if (user.LockoutEnd > now)
        {
            logger.LogWarning("Login refused for {UserName}: locked out until {Until:u}", user.UserName, user.LockoutEnd);
            return new(LoginStatus.LockedOut, LockedUntil: user.LockoutEnd);
        }
        var verdict = hasher.VerifyHashedPassword(user, user.PasswordHash, password);
        return verdict == PasswordVerificationResult.Failed ? Failed(user, now) : Succeeded(user, password, verdict, now);
    }

    /// <summary>The principal of a stored user: id, user name, display name, security stamp and every role; a login cookie's unless another scheme is named.</summary>
    public static ClaimsPrincipal PrincipalFor(UserAccount user, string authenticationType = CookieAuthenticationDefaults.AuthenticationScheme)
    {
        ArgumentNullException.ThrowIfNull(user);
        Claim[] claims =
        [
            new(UserClaims.Id, user.Id),
            new(UserClaims.UserName, user.UserName),
            new(UserClaims.DisplayName, user.DisplayName),
            new(UserClaims.SecurityStamp, user.SecurityStamp),
            .. user.Roles.Where(Roles.IsKnown).Select(r => new Claim(ClaimTypes.Role, r)),
        ];
        return new(new ClaimsIdentity(claims, authenticationType, UserClaims.UserName, ClaimTypes.Role));
    }

    /// <summary>Whether a login is still valid: the user exists, is not locked by an admin and has the same security stamp.</summary>
    public bool IsCurrent(ClaimsPrincipal principal)
    {
        ArgumentNullException.ThrowIfNull(principal);
        var id = principal.UserIdOrNull();
        if (id is null)
            return false;
        if (principal.Identity?.AuthenticationType == SingleUserHandler.SchemeName)
            return state.SingleUserActive;
        var user = Users.Get(id);
        return user is { Disabled: false } && user.SecurityStamp == principal.FindFirst(UserClaims.SecurityStamp)?.Value;
    }

    /// <summary>A new random security stamp.</summary>
    public static string NewStamp() => Guid.NewGuid().ToString("N");

    private LoginResult Failed(UserAccount user, DateTimeOffset now)
    {
        var auth = options.Value;
        var after = Users.Change(user.Id, u =>
        {
            if (u.LockoutEnd > now)
                return;
            u.FailedAttempts++;
            if (u.FailedAttempts >= auth.MaxFailedAttempts)
            {
                u.FailedAttempts = 0;
                u.LockoutEnd = now.AddMinutes(auth.LockoutMinutes);
            }
        });
        if (after?.LockoutEnd > now)
        {
            logger.LogWarning("User {UserName} locked out until {Until:u} after {Max} failed attempts", user.UserName, after.LockoutEnd, auth.MaxFailedAttempts);
            return new(LoginStatus.LockedOut, LockedUntil: after.LockoutEnd);
        }
        logger.LogWarning("Login failed for {UserName}: wrong password ({Attempts} of {Max})", user.UserName, after?.FailedAttempts, auth.MaxFailedAttempts);
        return new(LoginStatus.Invalid);
    }

    private LoginResult Succeeded(UserAccount user, string password, PasswordVerificationResult verdict, DateTimeOffset now)
    {
        var rehashed = verdict == PasswordVerificationResult.SuccessRehashNeeded ? hasher.HashPassword(user, password) : null;
        var after = Users.Change(user.Id, u =>
        {
            (u.FailedAttempts, u.LockoutEnd, u.LastLoginAt) = (0, null, now);
            if (rehashed is not null)
                u.PasswordHash = rehashed;
        });
        if (after is null || after.Disabled)
            return new(LoginStatus.Invalid);
        logger.LogInformation("User {UserName} logged in", after.UserName);
        return new(LoginStatus.Success, after);
    }
}
