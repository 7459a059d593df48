using System.Security.Claims;

namespace NeuronViewer.Web.Security;

/// <summary>
/// The claims a signed-in user carries. The stable user id (<see cref="Id"/> = <see cref="ClaimTypes.NameIdentifier"/>) identifies an
/// annotator: it never changes when a user is renamed; in single-user mode it is <see cref="LocalUserId"/>.
/// </summary>
public static class UserClaims
{
    /// <summary>The claim type holding the stable user id (the stored user's id).</summary>
    public const string Id = ClaimTypes.NameIdentifier;

    /// <summary>The claim type holding the login name.</summary>
    public const string UserName = ClaimTypes.Name;

    /// <summary>The claim type holding the name shown in the app bar.</summary>
    public const string DisplayName = "nv:display_name";

    /// <summary>The claim type holding the user's security stamp (changes on password reset, role change, lock and delete).</summary>
    public const string SecurityStamp = "nv:stamp";

    /// <summary>The user id of the single local user in single-user mode.</summary>
    public const string LocalUserId = "local";

    /// <summary>The signed-in user's stable id; throws when nobody is signed in.</summary>
    public static string UserId(this ClaimsPrincipal user) =>
        user.UserIdOrNull() ?? throw new InvalidOperationException("No signed-in user: this code must run behind an [Authorize] page or endpoint.");

    /// <summary>The signed-in user's stable id, or null when anonymous.</summary>
    public static string? UserIdOrNull(this ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return user.Identity?.IsAuthenticated == true ? user.FindFirst(Id)?.Value : null;
    }

    /// <summary>The name to show for the user: display name, else user name.</summary>
    public static string ShownName(this ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return user.FindFirst(DisplayName)?.Value ?? user.Identity?.Name ?? "";
    }
}
