using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using NeuronViewer.Storage.Users;
using NeuronViewer.Web.Security;

namespace NeuronViewer.Web.Tests.Security;

/// <summary>The real app (Production environment) on a fresh temporary data folder with a real LiteDB file, its whole log captured, and a clock the test can move.</summary>
public sealed class TestApp(params (string Key, string? Value)[] settings) : AppOnTempFolder<Program>("nv-web-tests", settings)
{
    public const string Password = "a long enough password";

    public LogSink Log { get; } = new();

    public ManualClock Clock { get; } = new();

    /// <summary>More set-up of the host before it is built (for example Kestrel on another address).</summary>
    public Action<IWebHostBuilder>? Configure { get; init; }

    public UserAdministration Admin => Services.GetRequiredService<UserAdministration>();

    /// <summary>Stores a user with the role through the admin service (as /admin/users does).</summary>
    public UserAccount AddUser(string userName, string role, string password = Password)
    {
        var result = Admin.Create(new NewUser(userName, userName + " Display", role, password, password), "test");
        Assert.True(result.Succeeded, result.Message);
        return result.User!;
    }

    /// <summary>Stores a user with the role and returns a visitor logged in as them through /login.</summary>
    public async Task<Visitor> LoggedInAsync(string userName, string role)
    {
        AddUser(userName, role);
        var visitor = Visit();
        using var login = await visitor.Login(userName, Password);
        Assert.DoesNotContain("error", Visitor.Location(login));
        return visitor;
    }

    /// <summary>A browser-like client against the in-memory server: keeps cookies, does not follow redirects.</summary>
    public Visitor Visit() => new(CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true }));

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureLogging(logging =>
        {
            logging.AddProvider(Log);
            logging.AddFilter<LogSink>(null, LogLevel.Trace);
        });
        builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(Clock));
        Configure?.Invoke(builder);
    }
}

/// <summary>A clock that stands still until the test moves it.</summary>
public sealed class ManualClock : TimeProvider
{
    private DateTimeOffset now = DateTimeOffset.UtcNow;

    public override DateTimeOffset GetUtcNow() => now;

    public void Advance(TimeSpan by) => now += by;
}
