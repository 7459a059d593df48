using System.Text.RegularExpressions;

namespace NeuronViewer.Web.Security;

/// <summary>The rules for account fields, each with the one message shown when it is broken (login setup, admin pages and configuration share them).</summary>
public static partial class AccountRules
{
    public const int MaxPasswordLength = 256;

    public const string UserNameRule = "A user name has 2 to 64 characters: letters, digits, '.', '_', '-' or '@', starting with a letter or digit.";

    public const string DisplayNameRule = "A display name has 1 to 100 characters and no control characters.";

    public const string ConfirmRule = "The two passwords differ.";

    public const string RoleRule = "Choose a role: admin, researcher or annotator.";

    /// <summary>The password rule for a minimum length.</summary>
    public static string PasswordRule(int minLength) =>
        $"A password has {minLength} to {MaxPasswordLength} characters and does not contain the user name.";

    /// <summary>The message for a bad user name, or null.</summary>
    public static string? UserNameProblem(string? userName) =>
        userName is not null && UserNamePattern().IsMatch(userName.Trim()) ? null : UserNameRule;

    /// <summary>The message for a bad display name, or null.</summary>
    public static string? DisplayNameProblem(string? displayName) =>
        displayName?.Trim() is { Length: >= 1 and <= 100 } d && !d.Any(char.IsControl) ? null : DisplayNameRule;

    /// <summary>The message for a bad password (too short or long, blank, or containing the user name), or null.</summary>
    public static string? PasswordProblem(string? password, string? userName, int minLength)
    {
        if (password is null || password.Length < minLength || password.Length > MaxPasswordLength || string.IsNullOrWhiteSpace(password))
            return PasswordRule(minLength);
        var name = userName?.Trim();
        return name is { Length: >= 2 } && password.Contains(name, StringComparison.OrdinalIgnoreCase) ? PasswordRule(minLength) : null;
    }

    /// <summary>The message when the confirmation differs, or null.</summary>
    public static string? ConfirmProblem(string? password, string? confirm) =>
        string.Equals(password, confirm, StringComparison.Ordinal) ? null : ConfirmRule;

    /// <summary>The message for an unknown role, or null.</summary>
    public static string? RoleProblem(string? role) => Roles.IsKnown(role) ? null : RoleRule;

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._@-]{1,63}$")]
    private static partial Regex UserNamePattern();
}
