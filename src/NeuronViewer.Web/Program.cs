using MudBlazor.Services;
using NeuronViewer.Pipeline;
using NeuronViewer.Web.Api;
using NeuronViewer.Web.Components;
using NeuronViewer.Web.Neurons;
using NeuronViewer.Web.Rating;
using NeuronViewer.Web.Security;

var builder = WebApplication.CreateBuilder(new WebApplicationOptions
{
    Args = args,
    ContentRootPath = AppContext.BaseDirectory,
});
// Package static files (MudBlazor, blazor.web.js) must be served however the app is started.
builder.WebHost.UseStaticWebAssets();

builder.Configuration.AddUserSecrets<Program>(optional: true);
// Refuse at once, in one line, what must not run (single-user mode on a public address); ListenGuard checks again at start.
if (ListenGuard.ConfigurationProblem(builder.Configuration.GetSection(AuthOptions.Section).Get<AuthOptions>() ?? new(), builder.Configuration) is { } refusal)
{
    Console.Error.WriteLine(refusal);
    return 1;
}
builder.Services.AddNeuronViewerCore(builder.Configuration);
builder.Services.AddNeuronViewerSecurity(builder.Configuration);
builder.Services.AddHumanRating();
builder.Services.AddNeuronViewerPages();
builder.Services.AddMudServices();
builder.Services.AddRazorComponents()
    .AddInteractiveServerComponents();

var app = builder.Build();

app.UseTrustedProxies();
if (!app.Environment.IsDevelopment())
{
    app.UseExceptionHandler("/Error", createScopeForErrors: true);
}
app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
app.UseApiStatusCodesAsIs();
app.UseAuthentication();
app.UseAuthorization();
app.UseAntiforgery();

app.MapStaticAssets().AllowAnonymous();
app.MapNeuronViewerAccounts();
app.MapRatingExports();
app.MapNeuronViewerApi();
app.MapRazorComponents<App>()
    .AddInteractiveServerRenderMode();

try
{
    app.Run();
}
catch (StartupRefusedException e)
{
    Console.Error.WriteLine(e.Message);
    return 1;
}
if (app.Services.GetRequiredService<AuthState>().Refusal is { } stopped)
{
    Console.Error.WriteLine(stopped);
    return 1;
}
return 0;

/// <summary>The web app's entry point, visible to WebApplicationFactory in tests.</summary>
public partial class Program;
