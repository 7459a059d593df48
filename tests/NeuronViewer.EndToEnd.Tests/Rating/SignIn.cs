using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using NeuronViewer.Web.Security;
using static Microsoft.Playwright.Assertions;

namespace NeuronViewer.EndToEnd.Tests.Rating;

/// <summary>Users stored through the app's own administration service, and the login form filled in the browser.</summary>
public static class SignIn
{
    public const string Password = "correct horse battery";

    /// <summary>Creates a user with the role (as /admin/users does) and returns its stable id.</summary>
    public static string AddUser(LiveServer app, string userName, string displayName, string role)
    {
        var result = app.Services.GetRequiredService<UserAdministration>().Create(new NewUser(userName, displayName, role, Password, Password), "e2e");
        Assert.True(result.Succeeded, result.Message);
        return result.User!.Id;
    }

    /// <summary>Logs the browser context in through the /login form.</summary>
    public static async Task LogInAsync(IPage page, string baseUrl, string userName)
    {
        await page.GotoAsync($"{baseUrl}/login");
        await page.Locator("#userName").FillAsync(userName);
        await page.Locator("#password").FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Log in" }).ClickAsync();
        await Expect(page).Not.ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/login"));
    }
}
