using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace NeuronViewer.Web.Security;

/// <summary>
/// Refuses single-user mode on any non-loopback address: before the server starts from configuration (<c>--urls</c>, <c>ASPNETCORE_URLS</c>,
/// <c>ASPNETCORE_HTTP_PORTS</c>, <c>Kestrel:Endpoints</c>), and after it starts from the addresses it actually bound (then it stops the app).
/// </summary>
internal sealed class ListenGuard(
    IConfiguration configuration, IOptions<AuthOptions> options, IServer server, AuthState state,
    IHostApplicationLifetime lifetime, ILogger<ListenGuard> logger) : IHostedLifecycleService
{
    public Task StartingAsync(CancellationToken cancellationToken)
    {
        if (ConfigurationProblem(options.Value, configuration) is { } problem)
            throw new StartupRefusedException(problem);
        return Task.CompletedTask;
    }

    public Task StartedAsync(CancellationToken cancellationToken)
    {
        var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses.ToList() ?? [];
        var auth = options.Value;
        var shown = addresses.Count == 0 ? "an in-memory server" : string.Join(", ", addresses);
        if (auth.IsSingleUser && ListenAddresses.FirstNonLoopback(addresses) is { } address)
        {
            var refusal = Refusal(address);
            state.Started(addresses, singleUser: false, refusal);
            logger.LogCritical("{Refusal}", refusal);
            lifetime.StopApplication();
            return Task.CompletedTask;
        }
        state.Started(addresses, auth.IsSingleUser);
        if (auth.IsSingleUser)
            logger.LogInformation("Single-user mode on {Addresses}: no login; every request is the local user with every role", shown);
        else
            logger.LogInformation("Accounts mode on {Addresses}: login required", shown);
        return Task.CompletedTask;
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>A one-line reason the configuration must not run (bad auth setting, or single-user mode on a configured non-loopback address), or null.</summary>
    public static string? ConfigurationProblem(AuthOptions auth, IConfiguration configuration)
    {
        if (auth.Problem() is { } problem)
            return problem;
        if (auth.IsSingleUser && ListenAddresses.FirstNonLoopback(ListenAddresses.Configured(configuration)) is { } address)
            return Refusal(address);
        return null;
    }

    /// <summary>The one-line refusal for single-user mode on a non-loopback address.</summary>
    internal static string Refusal(string address) =>
        $"NeuronViewer refuses to run: single-user mode (no login) is only for localhost, but it would listen on {address}. " +
        $"Set NeuronViewer__Auth__Mode={AuthOptions.AccountsMode} to require logins, or listen on http://localhost only.";
}
