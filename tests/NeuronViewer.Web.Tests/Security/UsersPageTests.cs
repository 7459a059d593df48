using System.Security.Claims;
using Bunit;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using MudBlazor;
using MudBlazor.Services;
using NeuronViewer.Storage;
using NeuronViewer.Storage.Users;
using NeuronViewer.Web.Components.Pages.Admin;
using NeuronViewer.Web.Security;

namespace NeuronViewer.Web.Tests.Security;

public sealed class UsersPageTests : IAsyncLifetime
{
    private readonly BunitContext bunit = new();
    private readonly string folder = Path.Combine(Path.GetTempPath(), "nv-web-tests", Guid.NewGuid().ToString("N"));
    private readonly NeuronViewerStore store;
    private readonly UserAdministration admin;
    private readonly UserAccount root;
    private readonly ApiTokens tokens;

    public UsersPageTests()
    {
        store = NeuronViewerStore.Open(folder);
        admin = new UserAdministration(store, new PasswordHasher<UserAccount>(), Options.Create(new AuthOptions()), NullLogger<UserAdministration>.Instance);
        root = admin.Create(new NewUser("root", "Root", Roles.Admin, TestApp.Password, TestApp.Password), "test").User!;
        bunit.JSInterop.Mode = JSRuntimeMode.Loose;
        bunit.Services.AddMudServices();
        bunit.Services.AddSingleton(store);
        bunit.Services.AddSingleton(admin);
        var state = new AuthState();
        bunit.Services.AddSingleton(state);
        tokens = new ApiTokens(store, state, TimeProvider.System, NullLogger<ApiTokens>.Instance);
        bunit.Services.AddSingleton(tokens);
        bunit.Services.AddSingleton(Options.Create(new AuthOptions()));
        bunit.Services.AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance);
        var auth = bunit.AddAuthorization();
        auth.SetAuthorized("root");
        auth.SetRoles(Roles.Admin, Roles.Researcher);
        auth.SetClaims(new Claim(UserClaims.Id, root.Id));
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await bunit.DisposeAsync();
        store.Dispose();
        Directory.Delete(folder, recursive: true);
    }

    private IRenderedComponent<Users> RenderPage()
    {
        bunit.Render<MudPopoverProvider>();
        return bunit.Render<Users>();
    }

    private static void Fill(IRenderedComponent<Users> page, string field, string value) =>
        page.Find($"[data-field='{field}'] input, input[data-field='{field}']").Change(value);

    [Fact]
    public void Creating_a_user_shows_each_broken_rule_under_its_field_then_lists_the_new_annotator()
    {
        var page = RenderPage();

        Fill(page, "new-userName", "x");
        Fill(page, "new-password", "short");
        page.Find("#new-user-form").Submit();

        var errors = page.FindAll(".mud-input-helper-text.mud-input-error").Select(e => e.TextContent.Trim()).ToList();
        Assert.Contains(AccountRules.UserNameRule, errors);
        Assert.Contains(AccountRules.DisplayNameRule, errors);
        Assert.Contains(AccountRules.PasswordRule(10), errors);
        Assert.Single(store.Users.List());

        Fill(page, "new-userName", "anna");
        Fill(page, "new-displayName", "Anna A.");
        Fill(page, "new-password", "annotator password 1");
        Fill(page, "new-confirm", "annotator password 1");
        page.Find("#new-user-form").Submit();

        page.WaitForAssertion(() => Assert.NotNull(page.Find("tr[data-user='anna']")));
        Assert.Empty(page.FindAll(".mud-input-helper-text.mud-input-error"));
        Assert.Equal([Roles.Annotator], store.Users.FindByName("anna")!.Roles);
    }

    [Fact]
    public void Lock_and_unlock_buttons_change_the_stored_user_and_its_status()
    {
        var bob = admin.Create(new NewUser("bob", "Bob", Roles.Researcher, TestApp.Password, TestApp.Password), "test").User!;
        var page = RenderPage();

        page.Find("button[aria-label='Lock bob']").Click();

        Assert.True(store.Users.Get(bob.Id)!.Disabled);
        Assert.Contains("locked by an admin", page.Find("tr[data-user='bob']").TextContent);
        page.Find("button[aria-label='Unlock bob']").Click();
        Assert.False(store.Users.Get(bob.Id)!.Disabled);
        Assert.Contains("active", page.Find("tr[data-user='bob']").TextContent);
        Assert.True(page.Find("button[aria-label='Lock root']").HasAttribute("disabled"));
        Assert.True(page.Find("button[aria-label='Delete root']").HasAttribute("disabled"));
    }

    [Fact]
    public async Task The_table_counts_each_users_active_tokens_and_revoke_all_stops_them_after_confirming()
    {
        var bob = admin.Create(new NewUser("bob", "Bob", Roles.Researcher, TestApp.Password, TestApp.Password), "test").User!;
        var kept = store.ApiTokens.Issue(root.Id, "root's", DateTimeOffset.UtcNow, null);
        foreach (var name in new[] { "a", "b", "c" })
            store.ApiTokens.Issue(bob.Id, name, DateTimeOffset.UtcNow, null);
        store.ApiTokens.Issue(bob.Id, "old", DateTimeOffset.UtcNow.AddDays(-2), DateTimeOffset.UtcNow.AddDays(-1));
        var dialogs = bunit.Render<MudDialogProvider>();
        var page = RenderPage();

        Assert.Equal("3 active", page.Find("td[data-tokens='bob']").TextContent.Trim());
        Assert.Equal("1 active", page.Find("td[data-tokens='root']").TextContent.Trim());
        var clicking = page.Find("button[aria-label='Revoke all API tokens of bob']").ClickAsync(new());
        dialogs.WaitForAssertion(() => Assert.Contains("Revoke every API token of bob?", dialogs.Markup));
        await dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "Revoke all").ClickAsync(new());
        await clicking.WaitAsync(TimeSpan.FromSeconds(30));

        page.WaitForAssertion(() => Assert.Equal("0 active", page.Find("td[data-tokens='bob']").TextContent.Trim()));
        Assert.True(page.Find("button[aria-label='Revoke all API tokens of bob']").HasAttribute("disabled"));
        Assert.All(store.ApiTokens.ListForUser(bob.Id), t => Assert.NotNull(t.RevokedAt));
        Assert.Null(store.ApiTokens.Get(kept.Token.Id)!.RevokedAt);
        Assert.Equal("1 active", page.Find("td[data-tokens='root']").TextContent.Trim());
    }
}
