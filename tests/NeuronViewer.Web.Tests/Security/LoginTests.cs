using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using NeuronViewer.Web.Security;

namespace NeuronViewer.Web.Tests.Security;

public sealed class LoginTests : IDisposable
{
    private readonly TestApp app = new(("NeuronViewer:Auth:Mode", "accounts"));

    public void Dispose() => app.Dispose();

    [Fact]
    public async Task A_right_password_logs_in_goes_back_where_the_user_wanted_and_identifies_them_by_their_stored_id()
    {
        var bob = app.AddUser("bob", Roles.Researcher);
        using var visitor = app.Visit();

        Assert.Equal("/login?returnUrl=%2Fdev%2Fcomponents", Visitor.Location(await visitor.Http.GetAsync("/dev/components")));
        using var login = await visitor.Login("BOB", TestApp.Password, "/dev/components");

        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        Assert.Equal("/dev/components", Visitor.Location(login));
        Assert.Equal(HttpStatusCode.OK, await visitor.Status("/dev/components"));
        var me = await visitor.Http.GetFromJsonAsync<JsonElement>("/api/me");
        Assert.Equal(bob.Id, me.GetProperty("id").GetString());
        Assert.Equal(["researcher"], me.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal(app.Clock.GetUtcNow(), app.Admin.List().Single().LastLoginAt);
    }

    [Fact]
    public async Task A_wrong_password_is_refused_with_a_clear_message_and_no_login_cookie()
    {
        app.AddUser("bob", Roles.Researcher);
        using var visitor = app.Visit();

        using var login = await visitor.Login("bob", "not the password");
        var page = await visitor.Http.GetStringAsync(Visitor.Location(login));

        Assert.Equal("/login?error=invalid&user=bob", Visitor.Location(login));
        Assert.DoesNotContain(login.Headers, h => h.Key == "Set-Cookie" && h.Value.Any(v => v.StartsWith(".NeuronViewer.Login=", StringComparison.Ordinal)));
        Assert.Contains("The user name or the password is wrong.", page);
        Assert.Equal(HttpStatusCode.Unauthorized, await visitor.Status("/api/me"));
        using var unknown = await visitor.Login("nobody", TestApp.Password);
        Assert.Equal("/login?error=invalid&user=nobody", Visitor.Location(unknown));
    }

    [Fact]
    public async Task Five_wrong_passwords_lock_the_account_for_fifteen_minutes_even_against_the_right_one()
    {
        app.AddUser("carol", Roles.Annotator);
        using var visitor = app.Visit();

        for (var i = 0; i < 4; i++)
            Assert.Contains("error=invalid", Visitor.Location(await visitor.Login("carol", $"wrong {i}")));
        var fifth = Visitor.Location(await visitor.Login("carol", "wrong 5"));
        var right = Visitor.Location(await visitor.Login("carol", TestApp.Password));

        Assert.Contains("error=locked", fifth);
        Assert.Contains("error=locked", right);
        Assert.Contains("locked until", await visitor.Http.GetStringAsync(right));
        Assert.Equal(app.Clock.GetUtcNow().AddMinutes(15), app.Admin.List().Single().LockoutEnd);
        app.Clock.Advance(TimeSpan.FromMinutes(14));
        Assert.Contains("error=locked", Visitor.Location(await visitor.Login("carol", TestApp.Password)));
        app.Clock.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal("/rate", Visitor.Location(await visitor.Login("carol", TestApp.Password)));
    }

    [Fact]
    public async Task A_post_without_a_valid_antiforgery_token_never_checks_the_password()
    {
        app.AddUser("bob", Roles.Researcher);
        using var visitor = app.Visit();
        var fields = new Dictionary<string, string> { ["userName"] = "bob", ["password"] = TestApp.Password };

        using var none = await visitor.Post("/account/login", new(fields), tokenPage: null);
        using var forged = await visitor.Post("/account/login", new(fields) { ["__RequestVerificationToken"] = "CfDJ8forged" }, tokenPage: null);

        Assert.Equal("/login?error=form", Visitor.Location(none));
        Assert.Equal("/login?error=form", Visitor.Location(forged));
        Assert.Equal(HttpStatusCode.Unauthorized, await visitor.Status("/api/me"));
        Assert.Null(app.Admin.List().Single().LastLoginAt);
        using var other = app.Visit();
        var tokenOfAnotherBrowser = await other.TokenFrom("/login");
        using var stolen = await visitor.Post("/account/login", new(fields) { ["__RequestVerificationToken"] = tokenOfAnotherBrowser }, tokenPage: null);
        Assert.Equal("/login?error=form", Visitor.Location(stolen));
    }

    [Theory]
    [InlineData("https://evil.example/phish", "/")]
    [InlineData("//evil.example/phish", "/")]
    [InlineData("/\\evil.example", "/")]
    [InlineData("javascript:alert(1)", "/")]
    [InlineData("/login?x=1", "/")]
    [InlineData("/dev/components?tab=heatmap", "/dev/components?tab=heatmap")]
    public async Task Only_return_urls_on_this_site_are_followed(string returnUrl, string expected)
    {
        app.AddUser("bob", Roles.Researcher);
        using var visitor = app.Visit();

        using var login = await visitor.Login("bob", TestApp.Password, returnUrl);

        Assert.Equal(expected, Visitor.Location(login));
    }

    [Fact]
    public async Task Logout_ends_the_login_and_locking_a_user_ends_their_other_logins()
    {
        var dave = app.AddUser("dave", Roles.Researcher);
        var root = app.AddUser("root", Roles.Admin);
        using var first = app.Visit();
        using var second = app.Visit();
        await first.Login("dave", TestApp.Password);
        await second.Login("dave", TestApp.Password);

        using var logout = await first.Post("/account/logout", [], "/dev/components");
        Assert.Equal("/login?signedOut=1", Visitor.Location(logout));
        Assert.Equal(HttpStatusCode.Unauthorized, await first.Status("/api/me"));
        Assert.Equal(HttpStatusCode.OK, await second.Status("/api/me"));

        Assert.True(app.Admin.SetLocked(root.Id, dave.Id, locked: true).Succeeded);
        Assert.Equal(HttpStatusCode.Unauthorized, await second.Status("/api/me"));
        Assert.Contains("error=disabled", Visitor.Location(await second.Login("dave", TestApp.Password)));
        Assert.True(app.Admin.SetLocked(root.Id, dave.Id, locked: false).Succeeded);
        Assert.Equal("/", Visitor.Location(await second.Login("dave", TestApp.Password)));
    }

    [Fact]
    public async Task A_login_survives_a_restart_because_the_cookie_keys_live_in_the_data_folder()
    {
        var first = new TestApp(("NeuronViewer:Auth:Mode", "accounts")) { KeepDataFolder = true };
        string cookie;
        try
        {
            first.AddUser("bob", Roles.Researcher);
            using var visitor = first.Visit();
            using var login = await visitor.Login("bob", TestApp.Password);
            cookie = login.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(".NeuronViewer.Login=", StringComparison.Ordinal)).Split(';')[0];
        }
        finally
        {
            first.Dispose();
        }
        using var restarted = new TestApp(("NeuronViewer:Auth:Mode", "accounts")) { DataFolder = first.DataFolder };
        using var http = restarted.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = false });
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/me");
        request.Headers.Add("Cookie", cookie);

        using var me = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, me.StatusCode);
        Assert.Equal("bob", (await me.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("userName").GetString());
        Assert.Single(Directory.GetFiles(Path.Combine(first.DataFolder, "keys"), "key-*.xml"));
        using var tampered = new HttpRequestMessage(HttpMethod.Get, "/api/me");
        tampered.Headers.Add("Cookie", cookie[..^4] + "AAAA");
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.SendAsync(tampered)).StatusCode);
    }
}
