using System.Net;
using System.Text.Json;
using NeuronViewer.Web.Security;

namespace NeuronViewer.Web.Tests.Security;

public sealed class RoleTests : IDisposable
{
    private readonly TestApp app = new(("NeuronViewer:Auth:Mode", "accounts"));

    public void Dispose() => app.Dispose();


    [Fact]
    public async Task An_annotator_is_refused_research_and_admin_pages_and_api_and_sees_only_rate_in_the_menu()
    {
        using var annotator = await app.LoggedInAsync("anna", Roles.Annotator);

        using var gallery = await annotator.Http.GetAsync("/dev/components");
        Assert.Equal(HttpStatusCode.Redirect, gallery.StatusCode);
        Assert.StartsWith("/denied", Visitor.Location(gallery));
        Assert.StartsWith("/denied", Visitor.Location(await annotator.Http.GetAsync("/admin/users")));
        Assert.StartsWith("/denied", Visitor.Location(await annotator.Http.GetAsync("/admin/security")));
        Assert.Equal(HttpStatusCode.Forbidden, await annotator.Status("/api/users"));
        Assert.Equal(HttpStatusCode.OK, await annotator.Status("/api/me"));

        var home = await annotator.Http.GetStringAsync("/");
        Assert.Contains("href=\"/rate\"", home);
        foreach (var hidden in new[] { "/neurons", "/results", "/jobs", "/settings", "/admin/users" })
            Assert.DoesNotContain($"href=\"{hidden}\"", home);
        Assert.Contains("This page is not for your role", await annotator.Http.GetStringAsync("/denied"));
    }

    [Fact]
    public async Task A_researcher_may_use_research_pages_but_not_admin_pages()
    {
        using var researcher = await app.LoggedInAsync("rita", Roles.Researcher);

        Assert.Equal(HttpStatusCode.OK, await researcher.Status("/dev/components"));
        Assert.StartsWith("/denied", Visitor.Location(await researcher.Http.GetAsync("/admin/users")));
        Assert.Equal(HttpStatusCode.Forbidden, await researcher.Status("/api/users"));
        var home = await researcher.Http.GetStringAsync("/");
        Assert.Contains("href=\"/neurons\"", home);
        Assert.Contains("href=\"/rate\"", home);
        Assert.DoesNotContain("href=\"/admin/users\"", home);
    }

    [Fact]
    public async Task An_admin_is_also_a_researcher_and_lists_users_without_their_password_hashes()
    {
        app.AddUser("anna", Roles.Annotator);
        using var admin = await app.LoggedInAsync("root", Roles.Admin);

        Assert.Equal(HttpStatusCode.OK, await admin.Status("/dev/components"));
        var page = await admin.Http.GetStringAsync("/admin/users");
        Assert.Contains("data-user=\"anna\"", page);
        Assert.Contains("data-user=\"root\"", page);
        var json = await admin.Http.GetStringAsync("/api/users");
        var users = JsonDocument.Parse(json).RootElement.EnumerateArray().ToList();
        Assert.Equal(["anna", "root"], users.Select(u => u.GetProperty("userName").GetString()));
        Assert.Equal(["annotator", "admin"], users.Select(u => u.GetProperty("role").GetString()));
        Assert.DoesNotContain("hash", json, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("AQAAAA", json, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Anonymous_visitors_are_sent_to_the_login_page_but_the_api_answers_401()
    {
        using var anonymous = app.Visit();

        Assert.Equal("/login?returnUrl=%2Fadmin%2Fusers", Visitor.Location(await anonymous.Http.GetAsync("/admin/users")));
        Assert.Equal("/login?returnUrl=%2F", Visitor.Location(await anonymous.Http.GetAsync("/")));
        using var api = await anonymous.Http.GetAsync("/api/users");
        Assert.Equal(HttpStatusCode.Unauthorized, api.StatusCode);
        Assert.Null(api.Headers.Location);
        Assert.Equal(HttpStatusCode.Unauthorized, await anonymous.Status("/api/me"));
        Assert.Equal(HttpStatusCode.OK, await anonymous.Status("/login"));
        Assert.Equal(HttpStatusCode.OK, await anonymous.Status("/_content/MudBlazor/MudBlazor.min.css"));
    }
}
