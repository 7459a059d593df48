using System.Net;
using System.Security.Claims;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Services;
using NeuronViewer.Storage.Users;
using NeuronViewer.Web.Components.Pages.Account;
using NeuronViewer.Web.Security;

namespace NeuronViewer.Web.Tests.Security;

/// <summary>The API tokens page rendered by bunit against the services of a real app (accounts mode), whose API then checks the tokens.</summary>
public sealed class ApiTokensPageTests : IAsyncLifetime
{
    private readonly TestApp app = new(("NeuronViewer:Auth:Mode", "accounts"));
    private readonly BunitContext bunit = new();
    private readonly UserAccount rita;

    public ApiTokensPageTests()
    {
        rita = app.AddUser("rita", Roles.Researcher);
        bunit.JSInterop.Mode = JSRuntimeMode.Loose;
        bunit.Services.AddMudServices();
        bunit.Services.AddSingleton(app.Services.GetRequiredService<ApiTokens>());
        bunit.Services.AddSingleton(app.Services.GetRequiredService<AuthState>());
        var auth = bunit.AddAuthorization();
        auth.SetAuthorized("rita");
        auth.SetRoles(Roles.Researcher);
        auth.SetClaims(new Claim(UserClaims.Id, rita.Id));
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await bunit.DisposeAsync();
        app.Dispose();
    }

    private ApiTokens Tokens => app.Services.GetRequiredService<ApiTokens>();

    private IRenderedComponent<ApiTokensPage> RenderPage()
    {
        bunit.Render<MudPopoverProvider>();
        return bunit.Render<ApiTokensPage>();
    }

    private static void Fill(IRenderedComponent<ApiTokensPage> page, string field, string value) =>
        page.Find($"[data-field='{field}'] input, input[data-field='{field}']").Change(value);

    private async Task<HttpStatusCode> ApiStatus(string secret)
    {
        using var http = app.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = false });
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/neurons");
        request.Headers.TryAddWithoutValidation("Authorization", $"Bearer {secret}");
        using var response = await http.SendAsync(request);
        return response.StatusCode;
    }

    [Fact]
    public async Task Creating_shows_the_secret_once_with_a_curl_line_and_the_secret_works_on_the_api()
    {
        var page = RenderPage();

        Fill(page, "token-name", "notebook");
        Fill(page, "token-days", "30");
        page.Find("#new-token-form").Submit();

        var secret = page.Find("[data-secret]").TextContent.Trim();
        Assert.Matches("^nvt_[A-Za-z0-9_-]{43}$", secret);
        Assert.Equal($"curl -H \"Authorization: Bearer {secret}\" http://localhost/api/neurons", page.Find("[data-curl]").TextContent.Trim());
        var stored = Tokens.List(rita.Id).Single();
        Assert.Equal(("notebook", app.Clock.GetUtcNow().AddDays(30)), (stored.Name, stored.ExpiresAt));
        Assert.Contains("notebook", page.Find($"tr[data-token='{stored.Id}']").TextContent);
        Assert.Equal(HttpStatusCode.OK, await ApiStatus(secret));

        page.FindAll("button").Single(b => b.TextContent.Contains("I have copied it", StringComparison.Ordinal)).Click();
        Assert.DoesNotContain(secret, page.Markup);
        var again = bunit.Render<ApiTokensPage>();
        Assert.DoesNotContain(secret, again.Markup);
        Assert.Contains("active", again.Find($"tr[data-token='{stored.Id}']").TextContent);
    }

    [Fact]
    public void A_missing_name_or_a_bad_expiry_is_refused_under_its_field_and_nothing_is_created()
    {
        var page = RenderPage();

        Fill(page, "token-days", "0");
        page.Find("#new-token-form").Submit();

        var errors = page.FindAll(".mud-input-helper-text.mud-input-error").Select(e => e.TextContent.Trim()).ToList();
        Assert.Contains(ApiTokens.NameProblem(null), errors);
        Assert.Empty(page.FindAll("[data-secret]"));
        Assert.Empty(Tokens.List(rita.Id));
    }

    [Fact]
    public async Task Revoking_from_the_page_after_confirming_makes_the_token_fail()
    {
        var secret = Tokens.Create(rita.Id, "cron job", null).Issued!.Secret;
        var dialogs = bunit.Render<MudDialogProvider>();
        var page = RenderPage();
        Assert.Equal(HttpStatusCode.OK, await ApiStatus(secret));

        await Answer(page, dialogs, "Cancel");
        Assert.Equal(HttpStatusCode.OK, await ApiStatus(secret));
        Assert.Null(Tokens.List(rita.Id).Single().RevokedAt);
        await Answer(page, dialogs, "Revoke");

        page.WaitForAssertion(() => Assert.Contains("revoked", page.Find("tr[data-token]").TextContent));
        Assert.Empty(page.FindAll("button[aria-label='Revoke cron job']"));
        Assert.Equal(HttpStatusCode.Unauthorized, await ApiStatus(secret));
    }

    /// <summary>Clicks the row's revoke button, then the confirmation's button (the click's handler waits for the answer).</summary>
    private static async Task Answer(IRenderedComponent<ApiTokensPage> page, IRenderedComponent<MudDialogProvider> dialogs, string button)
    {
        var clicking = page.Find("button[aria-label='Revoke cron job']").ClickAsync(new());
        dialogs.WaitForAssertion(() => Assert.Contains("Scripts that use it are refused", dialogs.Markup));
        await dialogs.FindAll("button").Single(b => b.TextContent.Trim() == button).ClickAsync(new());
        await clicking.WaitAsync(TimeSpan.FromSeconds(30));
    }

    [Fact]
    public void A_name_with_markup_renders_as_text()
    {
        const string Name = "<script>alert(1)</script><b>x</b>";
        Tokens.Create(rita.Id, Name, null);

        var page = RenderPage();

        var cell = page.Find("tr[data-token] td");
        Assert.Equal(Name, cell.TextContent);
        Assert.Empty(cell.Children);
        Assert.Empty(page.FindAll("script"));
        Assert.Contains("&lt;script&gt;", page.Markup);
    }

    [Fact]
    public void In_single_user_mode_the_page_says_tokens_are_not_needed_instead_of_the_form()
    {
        var state = new AuthState();
        state.Started([], singleUser: true);
        bunit.Services.AddSingleton(state);

        var page = RenderPage();

        Assert.Contains("reach /api without a token", page.Find("#single-user-tokens").TextContent);
        Assert.Empty(page.FindAll("#new-token-form"));
    }
}
