using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration;
using NeuronViewer.Web.Security;

namespace NeuronViewer.Web.Tests.Security;

public sealed partial class SetupTests
{
    private static Dictionary<string, string> Fields(string token, string userName = "root", string password = "correct horse battery") => new()
    {
        ["token"] = token, ["userName"] = userName, ["displayName"] = "The Admin", ["password"] = password, ["confirmPassword"] = password,
    };

    [Fact]
    public async Task The_setup_token_printed_at_first_start_creates_the_first_admin_once()
    {
        using var app = new TestApp(("NeuronViewer:Auth:Mode", "accounts"));
        using var visitor = app.Visit();
        Assert.Contains("Create the first admin", await visitor.Http.GetStringAsync("/login"));
        var token = TokenPattern().Match(app.Log.All).Groups[1].Value;
        Assert.Matches("^([0-9a-f]{4}-){7}[0-9a-f]{4}$", token);

        using var wrong = await visitor.Post("/account/setup", Fields("0000-0000-0000-0000-0000-0000-0000-0000"), "/setup");
        using var weak = await visitor.Post("/account/setup", Fields(token, password: "short"), "/setup");
        Assert.Equal("/setup?error=token&userName=root&displayName=The%20Admin", Visitor.Location(wrong));
        Assert.StartsWith("/setup?error=Password", Visitor.Location(weak));
        Assert.Contains("A password has 10 to 256 characters", await visitor.Http.GetStringAsync(Visitor.Location(weak)));
        Assert.Empty(app.Admin.List());

        using var created = await visitor.Post("/account/setup", Fields(token.ToUpperInvariant()), "/setup");
        Assert.Equal("/admin/users", Visitor.Location(created));
        var admin = Assert.Single(app.Admin.List());
        Assert.Equal(("root", "The Admin"), (admin.UserName, admin.DisplayName));
        Assert.Equal([Roles.Admin, Roles.Researcher], admin.Roles);
        Assert.Equal(HttpStatusCode.OK, await visitor.Status("/admin/users"));

        using var stranger = app.Visit();
        using var again = await stranger.Post("/account/setup", Fields(token, "mallory"), "/login");
        Assert.Equal("/login?error=setup-done", Visitor.Location(again));
        Assert.Single(app.Admin.List());
        Assert.Contains("Setup is not open", await stranger.Http.GetStringAsync("/setup"));
        Assert.DoesNotContain("Create the first admin", await stranger.Http.GetStringAsync("/login"));
    }

    [Fact]
    public async Task A_configured_admin_with_the_password_from_the_environment_is_created_at_start_and_no_token_is_issued()
    {
        // Only the tests of this class (run one after another) configure an admin user, so the variable reaches no other test.
        Environment.SetEnvironmentVariable("NeuronViewer__Auth__AdminPassword", "from the environment 42");
        using var app = new TestApp(("NeuronViewer:Auth:Mode", "accounts"), ("NeuronViewer:Auth:AdminUser", "boss"));
        using var visitor = app.Visit();
        Environment.SetEnvironmentVariable("NeuronViewer__Auth__AdminPassword", null);

        using var login = await visitor.Login("boss", "from the environment 42");

        Assert.Equal("/", Visitor.Location(login));
        Assert.Equal(HttpStatusCode.OK, await visitor.Status("/admin/users"));
        Assert.DoesNotContain("setup token", app.Log.All);
        Assert.Contains("Setup is not open", await visitor.Http.GetStringAsync("/setup"));
    }

    [Fact]
    public void An_admin_password_in_a_settings_file_is_refused()
    {
        var file = Path.Combine(Path.GetTempPath(), $"nv-settings-{Guid.NewGuid():N}.json");
        File.WriteAllText(file, """{ "NeuronViewer": { "Auth": { "AdminPassword": "committed to git by mistake" } } }""");
        try
        {
            using var app = new TestApp(("NeuronViewer:Auth:Mode", "accounts"), ("NeuronViewer:Auth:AdminUser", "boss"))
            {
                Configure = b => b.ConfigureAppConfiguration((_, c) => c.AddJsonFile(file)),
            };

            Assert.ThrowsAny<Exception>(() => app.Visit());

            Assert.Contains(
                $"StartupRefusedException: NeuronViewer:Auth:AdminPassword comes from {Path.GetFileName(file)}; secrets may come only from an environment variable (NeuronViewer__Auth__AdminPassword) or user secrets.",
                app.Log.All);
            Assert.DoesNotContain("committed to git by mistake", app.Log.All);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void A_configured_admin_without_a_password_is_refused_with_what_to_set()
    {
        using var app = new TestApp(("NeuronViewer:Auth:Mode", "accounts"), ("NeuronViewer:Auth:AdminUser", "boss"));

        Assert.ThrowsAny<Exception>(() => app.Visit());

        Assert.Contains(
            "StartupRefusedException: NeuronViewer:Auth:AdminUser 'boss' does not exist yet and has no password: set the environment variable NeuronViewer__Auth__AdminPassword (or the user secret NeuronViewer:Auth:AdminPassword).",
            app.Log.All);
    }

    [GeneratedRegex("one-time setup token ([0-9a-f-]+)")]
    private static partial Regex TokenPattern();
}
