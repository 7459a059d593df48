using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using NeuronViewer.Explainers.Configuration;
using NeuronViewer.Web.Security;

namespace NeuronViewer.Web.Tests.Security;

public sealed class SecretTests
{
    private const string Key = "sk-proj-Zq81xVb27LmNoPqRsTuVwXyZ0123456789abcdef3f9a";

    [Theory]
    [InlineData(Key, "sk-…3f9a")]
    [InlineData("abcdefghijklmnopqrstuvwxyz", "…wxyz")]
    [InlineData("longprefix-abcdefghijklmnop", "…mnop")]
    [InlineData("sk-short", "set (8 characters, hidden)")]
    [InlineData("", "not set")]
    [InlineData(null, "not set")]
    public void A_secret_is_masked_to_its_prefix_and_last_four_characters(string? secret, string shown) =>
        Assert.Equal(shown, SecretMask.Mask(secret));

    [Fact]
    public void The_key_status_names_where_the_key_comes_from_and_refuses_it_when_it_sits_in_a_file()
    {
        var variable = $"NV_TEST_KEY_{Guid.NewGuid():N}";
        var provider = new ProviderOptions { ApiKeyVariable = variable };
        var file = Path.Combine(Path.GetTempPath(), $"nv-appsettings-{Guid.NewGuid():N}.json");
        File.WriteAllText(file, $$"""{ "{{variable}}": "{{Key}}" }""");
        try
        {
            var fromFile = ApiKeyStatus.Read(provider, new ConfigurationBuilder().AddJsonFile(file).Build());
            var missing = ApiKeyStatus.Read(provider, new ConfigurationBuilder().Build());
            Environment.SetEnvironmentVariable(variable, Key);
            var fromEnvironment = ApiKeyStatus.Read(provider, new ConfigurationBuilder().Build());

            Assert.Equal((false, $"sk-…3f9a (from {Path.GetFileName(file)}), not used"), (fromFile.IsSet, fromFile.Shown));
            Assert.StartsWith($"The API key is in {Path.GetFileName(file)}, where secrets must not be kept, so it is not used: move it to the environment variable {variable} or to user secrets", fromFile.Warning);
            Assert.Equal((false, $"not set (set the environment variable {variable}, or the user secret {variable})"), (missing.IsSet, missing.Shown));
            Assert.Equal((true, $"sk-…3f9a (from {variable})", null), (fromEnvironment.IsSet, fromEnvironment.Shown, fromEnvironment.Warning));
        }
        finally
        {
            Environment.SetEnvironmentVariable(variable, null);
            File.Delete(file);
        }
    }

    [Fact]
    public async Task The_key_and_the_passwords_never_appear_in_pages_logs_or_the_database_file()
    {
        var variable = $"NV_TEST_KEY_{Guid.NewGuid():N}";
        Environment.SetEnvironmentVariable(variable, Key);
        var app = new TestApp(("NeuronViewer:Auth:Mode", "accounts"), ("NeuronViewer:Provider:ApiKeyVariable", variable)) { KeepDataFolder = true };
        var pages = new StringBuilder();
        try
        {
            app.AddUser("root", Roles.Admin);
            app.AddUser("anna", Roles.Annotator, "annotator password 1");
            using var visitor = app.Visit();
            await visitor.Login("root", "wrong password 123");
            await visitor.Login("root", TestApp.Password);
            foreach (var page in new[] { "/admin/security", "/admin/users", "/api/users", "/api/me", "/", "/dev/components", "/no-such-page" })
                pages.Append(await (await visitor.Http.GetAsync(page)).Content.ReadAsStringAsync());
        }
        finally
        {
            Environment.SetEnvironmentVariable(variable, null);
            app.Dispose();
        }
        var stored = Directory.GetFiles(app.DataFolder, "neuronviewer*.db").SelectMany(ReadIfPresent).ToArray();
        Directory.Delete(app.DataFolder, recursive: true);

        Assert.Contains($"sk-…3f9a (from {variable})", WebUtility.HtmlDecode(pages.ToString()));
        foreach (var secret in new[] { Key, Key[8..^4], TestApp.Password, "wrong password 123", "annotator password 1" })
        {
            Assert.DoesNotContain(secret, pages.ToString());
            Assert.DoesNotContain(secret, app.Log.All);
            Assert.Equal(-1, stored.AsSpan().IndexOf(Encoding.UTF8.GetBytes(secret)));
        }
        Assert.Contains(app.Log.Lines, l => l.Contains("Login failed for root: wrong password (1 of 5)", StringComparison.Ordinal));
        Assert.NotEqual(-1, stored.AsSpan().IndexOf("anna Display"u8)); // the users are in the bytes read
        Assert.NotEqual(-1, stored.AsSpan().IndexOf("AQAAAAI"u8)); // PasswordHasher's V3 format (PBKDF2, HMAC-SHA512)
    }

    [Fact]
    public async Task The_production_error_page_shows_no_exception_details()
    {
        using var app = new TestApp { Configure = b => b.ConfigureServices(s => s.AddSingleton<IStartupFilter, ThrowingEndpoint>()) };
        using var visitor = app.Visit();

        using var response = await visitor.Http.GetAsync("/test/throw");
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Contains("Something went wrong", body);
        Assert.DoesNotContain(ThrowingEndpoint.Detail, body);
        Assert.DoesNotContain(nameof(InvalidOperationException), body);
        Assert.DoesNotContain(nameof(ThrowingEndpoint), body);
        Assert.Contains(app.Log.Lines, l => l.Contains(ThrowingEndpoint.Detail, StringComparison.Ordinal));
    }

    /// <summary>Adds, after the app's own pipeline, a path that throws (as a bug would), to see what the error page shows.</summary>
    private sealed class ThrowingEndpoint : IStartupFilter
    {
        public const string Detail = "internal detail: connection string Server=db;Password=hunter2";

        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            next(app);
            app.Use((HttpContext context, RequestDelegate following) =>
                context.Request.Path == "/test/throw" ? throw new InvalidOperationException(Detail) : following(context));
        };
    }

    /// <summary>A file's bytes, or none when it is gone (LiteDB removes its -log file when the last connection closes).</summary>
    private static byte[] ReadIfPresent(string path)
    {
        try
        {
            return File.ReadAllBytes(path);
        }
        catch (FileNotFoundException)
        {
            return [];
        }
    }
}
