using MudBlazor.Services;
using NeuronViewer.Pipeline;
using NeuronViewer.Web.Api;
using NeuronViewer.Web.Components;
using NeuronViewer.Web.Neurons;

var builder = WebApplication.CreateBuilder(new WebApplicationOptions
{
    Args = args,
    ContentRootPath = AppContext.BaseDirectory,
});
// Package static files (MudBlazor, blazor.web.js) must be served however the app is started.
builder.WebHost.UseStaticWebAssets();

builder.Configuration.AddUserSecrets<Program>(optional: true);
builder.Services.AddNeuronViewerCore(builder.Configuration);
builder.Services.AddNeuronViewerPages();
builder.Services.AddMudServices();
builder.Services.AddRazorComponents()
    .AddInteractiveServerComponents();

var app = builder.Build();

if (!app.Environment.IsDevelopment())
{
    app.UseExceptionHandler("/Error", createScopeForErrors: true);
}
app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
app.UseAntiforgery();

app.MapStaticAssets();
app.MapNeuronViewerApi();
app.MapRazorComponents<App>()
    .AddInteractiveServerRenderMode();

app.Run();

/// <summary>The web app's entry point, visible to WebApplicationFactory in tests.</summary>
public partial class Program;
