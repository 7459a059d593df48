using Bunit;
using MudBlazor;
using NeuronViewer.Pipeline.Stages;
using NeuronViewer.Storage.Jobs;
using NeuronViewer.Web.Components.Pages;
using NeuronViewer.Web.Components.Pages.Operations;
using NeuronViewer.Web.Security;

namespace NeuronViewer.Web.Tests.Operations;

/// <summary>The home page's first-run action on an empty database, and /settings (masked key, origins, checks).</summary>
public sealed class HomeAndSettingsTests : IAsyncLifetime
{
    private const string Key = "sk-test-0123456789abcdefWXYZ";
    private readonly OperationsHarness h = new(new() { ["OPENAI_API_KEY"] = Key, ["NeuronViewer:Provider:Endpoint"] = "not a url" });

    public Task InitializeAsync()
    {
        var auth = h.Context.AddAuthorization();
        auth.SetAuthorized("researcher");
        auth.SetPolicies(Policies.Research, Policies.Annotate, Policies.Admin);
        h.Context.Render<MudPopoverProvider>();
        return Task.CompletedTask;
    }

    public Task DisposeAsync() => h.DisposeAsync().AsTask();

    [Fact]
    public void An_empty_database_offers_the_first_run_and_one_click_queues_it()
    {
        var cut = h.Context.Render<Home>();
        cut.WaitForAssertion(() => Assert.Contains("bundled · 6 layers × 512 neurons", cut.Find(".nv-model").TextContent, StringComparison.Ordinal), TimeSpan.FromSeconds(60));
        Assert.Equal("0", cut.Find(".nv-count-records").TextContent);
        Assert.Contains(FirstRun.ExpectedDuration, cut.Find(".nv-first-run").TextContent, StringComparison.Ordinal);
        Assert.NotNull(cut.Find(".nv-provider-banner"));

        OperationsHarness.Click(cut, ".nv-first-run-start");
        cut.WaitForAssertion(() => Assert.Single(h.Store.Jobs.List()));
        var job = h.Store.Jobs.List()[0];
        Assert.Equal((JobKinds.FirstRun, JobState.Queued, FirstRun.Title), (job.Kind, job.State, job.Title));
        Assert.Contains($"\"maxExcerpts\":{FirstRun.DefaultExcerpts}", job.Parameters, StringComparison.Ordinal);
        cut.WaitForAssertion(() => Assert.Contains("Waiting for the job before it to finish", cut.Find(".nv-first-run").TextContent, StringComparison.Ordinal));

        // A second click (another tab) finds the unfinished first run instead of queuing another.
        Assert.Equal(job.Id, FirstRun.Start(h.Engine));
        Assert.Single(h.Store.Jobs.List());
    }

    [Fact]
    public void Settings_mask_the_key_name_where_values_come_from_and_flag_bad_ones()
    {
        var cut = h.Context.Render<SettingsPage>();
        Assert.DoesNotContain(Key, cut.Markup, StringComparison.Ordinal);
        Assert.Equal("sk-…WXYZ (from in-memory configuration)", cut.Find(".nv-api-key").TextContent);
        var endpoint = cut.Find("tr[data-key='NeuronViewer:Provider:Endpoint']");
        Assert.Contains("'not a url' is not an absolute http(s) URL", endpoint.TextContent, StringComparison.Ordinal);
        Assert.Contains("NeuronViewer:Provider:Endpoint is not an absolute URL", cut.Find(".nv-provider-problem").TextContent, StringComparison.Ordinal);
        Assert.Contains(h.Folder, cut.Find("tr[data-key='NeuronViewer:DataFolder']").TextContent, StringComparison.Ordinal);
        Assert.Contains("in-memory configuration", cut.Find("tr[data-key='NeuronViewer:DataFolder']").TextContent, StringComparison.Ordinal);

        OperationsHarness.Change(cut, ".nv-check-value input", h.Folder);
        OperationsHarness.Click(cut, ".nv-check");
        cut.WaitForAssertion(() => Assert.Contains($"{h.Folder} is not a GPT-2 checkpoint: config.json is missing.", cut.Find(".nv-check-result").TextContent, StringComparison.Ordinal));
        OperationsHarness.Change(cut, ".nv-check-value input", "bundled");
        OperationsHarness.Click(cut, ".nv-check");
        cut.WaitForAssertion(() => Assert.Contains("NeuronViewer__SubjectModel__Path=bundled", cut.Find(".nv-check-result").TextContent, StringComparison.Ordinal));
    }
}
