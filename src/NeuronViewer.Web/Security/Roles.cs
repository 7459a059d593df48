namespace NeuronViewer.Web.Security;

/// <summary>The three role names, stored on users and issued as <see cref="System.Security.Claims.ClaimTypes.Role"/> claims.</summary>
public static class Roles
{
    /// <summary>Settings, providers, studies and users; also everything a researcher may do.</summary>
    public const string Admin = "admin";

    /// <summary>Explores neurons, runs jobs, sees all scores; may also rate.</summary>
    public const string Researcher = "researcher";

    /// <summary>Only the rating pages and their own tasks; never automatic scores or candidate sources before submitting.</summary>
    public const string Annotator = "annotator";

    /// <summary>Every role, most powerful first.</summary>
    public static IReadOnlyList<string> All { get; } = [Admin, Researcher, Annotator];

    /// <summary>Whether the name is one of <see cref="All"/> (exact, lower case).</summary>
    public static bool IsKnown(string? role) => role is Admin or Researcher or Annotator;

    /// <summary>The roles a user with the given primary role holds: an admin is also a researcher.</summary>
    public static IReadOnlyList<string> Implied(string role) => role switch
    {
        Admin => [Admin, Researcher],
        Researcher => [Researcher],
        Annotator => [Annotator],
        _ => throw new ArgumentException($"Unknown role '{role}'; expected one of {string.Join(", ", All)}.", nameof(role)),
    };
}
