using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;

namespace NeuronViewer.Web.Security;

/// <summary>Re-checks an open circuit's login every minute, so a deleted, locked or changed user loses the interactive pages too.</summary>
internal sealed class UserRevalidation(ILoggerFactory loggerFactory, AccountService accounts)
    : RevalidatingServerAuthenticationStateProvider(loggerFactory)
{
    protected override TimeSpan RevalidationInterval => TimeSpan.FromMinutes(1);

    protected override Task<bool> ValidateAuthenticationStateAsync(AuthenticationState authenticationState, CancellationToken cancellationToken) =>
        Task.FromResult(accounts.IsCurrent(authenticationState.User));
}
