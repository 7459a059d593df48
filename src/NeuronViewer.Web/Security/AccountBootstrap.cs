using NeuronViewer.Explainers.Configuration;
using Microsoft.Extensions.Options;
using NeuronViewer.Storage;

namespace NeuronViewer.Web.Security;

/// <summary>
/// The first admin: created at start from <c>NeuronViewer:Auth:AdminUser</c> with the password from an environment variable or user
/// secrets; otherwise, in accounts mode with no user, a one-time setup token is printed to the console and the log.
/// </summary>
internal sealed class AccountBootstrap(
    IConfiguration configuration, IOptions<AuthOptions> options, NeuronViewerStore store, UserAdministration admin, SetupToken setup,
    AuthState state, ILogger<AccountBootstrap> logger) : IHostedLifecycleService
{
    public Task StartingAsync(CancellationToken cancellationToken)
    {
        var name = options.Value.AdminUser?.Trim();
        if (string.IsNullOrEmpty(name) || store.Users.FindByName(name) is not null)
            return Task.CompletedTask;
        var origin = ConfigurationOrigin.Of(configuration, AuthOptions.AdminPasswordKey);
        var password = configuration[AuthOptions.AdminPasswordKey];
        if (string.IsNullOrEmpty(password))
            throw new StartupRefusedException(
                $"{AuthOptions.Section}:AdminUser '{name}' does not exist yet and has no password: set the environment variable NeuronViewer__Auth__AdminPassword (or the user secret {AuthOptions.AdminPasswordKey}).");
        if (!origin.MayHoldSecrets)
            throw new StartupRefusedException(
                $"{AuthOptions.AdminPasswordKey} comes from {origin.Name}; secrets may come only from an environment variable (NeuronViewer__Auth__AdminPassword) or user secrets.");
        var result = admin.Create(new NewUser(name, name, Roles.Admin, password, password), "configuration");
        if (!result.Succeeded)
            throw new StartupRefusedException($"{AuthOptions.Section}:AdminUser '{name}' cannot be created: {result.Message}");
        return Task.CompletedTask;
    }

    public Task StartedAsync(CancellationToken cancellationToken)
    {
        if (options.Value.IsSingleUser || store.Users.Count() > 0)
        {
            setup.Expire();
            return Task.CompletedTask;
        }
        var token = setup.Issue();
        var url = (state.Addresses.FirstOrDefault(ListenAddresses.IsLoopback) ?? state.Addresses.FirstOrDefault() ?? "").TrimEnd('/') + "/setup";
        var line = $"No user exists yet. To create the first admin, open {url} and enter the one-time setup token {token}";
        Console.WriteLine(line);
        logger.LogWarning("No user exists yet. To create the first admin, open {Url} and enter the one-time setup token {Token}", url, token);
        return Task.CompletedTask;
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
