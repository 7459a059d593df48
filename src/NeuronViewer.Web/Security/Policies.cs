using Microsoft.AspNetCore.Authorization;

namespace NeuronViewer.Web.Security;

/// <summary>
/// Authorization policy names: pages use <c>@attribute [Authorize(Policy = Policies.Research)]</c>, endpoints
/// <c>.RequireAuthorization(Policies.Research)</c>, markup <c>&lt;AuthorizeView Policy="@Policies.Research"&gt;</c>.
/// </summary>
public static class Policies
{
    /// <summary>Users, settings, providers: role admin.</summary>
    public const string Admin = "nv-admin";

    /// <summary>Neuron pages, jobs, results, automatic scores, the read API: role researcher or admin.</summary>
    public const string Research = "nv-research";

    /// <summary>The rating pages and the user's own tasks: any role (annotator, researcher, admin).</summary>
    public const string Annotate = "nv-annotate";

    /// <summary>Adds the three policies; every endpoint without its own attribute needs a signed-in user (the fallback policy).</summary>
    public static AuthorizationBuilder AddNeuronViewerPolicies(this AuthorizationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder
            .AddPolicy(Admin, p => p.RequireAuthenticatedUser().RequireRole(Roles.Admin))
            .AddPolicy(Research, p => p.RequireAuthenticatedUser().RequireRole(Roles.Admin, Roles.Researcher))
            .AddPolicy(Annotate, p => p.RequireAuthenticatedUser().RequireRole(Roles.Admin, Roles.Researcher, Roles.Annotator))
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());
    }
}
