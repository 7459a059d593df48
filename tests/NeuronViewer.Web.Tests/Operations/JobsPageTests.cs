using System.Text.RegularExpressions;
using Bunit;
using MudBlazor;
using NeuronViewer.Pipeline.Stages;
using NeuronViewer.Storage.Jobs;
using NeuronViewer.Web.Components.Pages.Operations;

namespace NeuronViewer.Web.Tests.Operations;

/// <summary>/jobs with a real store and engine: progress figures as stored, actions change the jobs, new jobs appear live.</summary>
public sealed partial class JobsPageTests : IAsyncLifetime
{
    private readonly OperationsHarness h = new();

    private NeuronViewer.Storage.NeuronViewerStore Store => h.Store;

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => h.DisposeAsync().AsTask();

    private IRenderedComponent<JobsPage> RenderPage()
    {
        h.Context.Render<MudPopoverProvider>();
        var cut = h.Context.Render<JobsPage>();
        cut.WaitForAssertion(() => Assert.NotNull(cut.Find(".nv-start")), TimeSpan.FromSeconds(60));
        return cut;
    }

    [Fact]
    public void A_running_job_shows_processed_failed_total_rate_and_eta()
    {
        var id = h.MakeJob("explain layer 0", JobState.Running, total: 1000, done: 198, failed: 2, segmentStart: DateTime.UtcNow.AddSeconds(-1000));
        var cut = RenderPage();
        var card = cut.Find($".nv-job[data-job='{id}']");
        Assert.Equal("running", card.GetAttribute("data-state"));
        Assert.Equal("200", card.QuerySelector(".nv-processed")!.TextContent);
        Assert.Equal("1,000", card.QuerySelector(".nv-total")!.TextContent);
        Assert.Equal("2", card.QuerySelector(".nv-failed")!.TextContent);
        Assert.Equal("0.2 items/s", card.QuerySelector(".nv-rate")!.TextContent); // 200 items in 1,000 s (and the seconds the page took)
        Assert.Matches(DurationAroundAnHourAndSixMinutes(), card.QuerySelector(".nv-eta")!.TextContent); // 800 left at 0.2 per second
        Assert.Contains("explain layer 0", card.TextContent, StringComparison.Ordinal);
        Assert.NotNull(card.QuerySelector(".nv-cancel"));
        Assert.NotNull(card.QuerySelector(".nv-retry"));
        Assert.Null(card.QuerySelector(".nv-resume"));
    }

    [Fact]
    public void Cancel_resume_and_retry_failed_act_on_the_stored_job()
    {
        var queued = h.MakeJob("queued one", JobState.Queued, total: 10, done: 0, failed: 0);
        var failed = h.MakeJob("with failures", JobState.Completed, total: 10, done: 7, failed: 3);
        var cut = RenderPage();

        OperationsHarness.Click(cut, $".nv-job[data-job='{queued}'] .nv-cancel");
        cut.WaitForAssertion(() => Assert.Equal(JobState.Cancelled, Store.Jobs.Get(queued)!.State));
        cut.WaitForAssertion(() => Assert.NotNull(cut.Find($".nv-job[data-job='{queued}'] .nv-resume")));
        OperationsHarness.Click(cut, $".nv-job[data-job='{queued}'] .nv-resume");
        cut.WaitForAssertion(() => Assert.Equal(JobState.Queued, Store.Jobs.Get(queued)!.State));

        OperationsHarness.Click(cut, $".nv-job[data-job='{failed}'] .nv-retry");
        cut.WaitForAssertion(() => Assert.Empty(Store.Jobs.Items(failed, JobItemState.Failed)));
        Assert.Equal((7, 0, JobState.Queued), (Store.Jobs.Get(failed)!.Done, Store.Jobs.Get(failed)!.Failed, Store.Jobs.Get(failed)!.State));
        cut.WaitForAssertion(() => Assert.Contains("retrying 3 failed item(s)", cut.Find($".nv-job[data-job='{failed}']").TextContent, StringComparison.Ordinal));
    }

    [Fact]
    public void The_log_shows_failed_items_with_their_reasons()
    {
        var id = h.MakeJob("with failures", JobState.Completed, total: 5, done: 3, failed: 2);
        var cut = RenderPage();
        OperationsHarness.Click(cut, $".nv-job[data-job='{id}'] .nv-log-toggle");
        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll($".nv-job[data-job='{id}'] .nv-failed-item").Count));
        var items = cut.FindAll($".nv-job[data-job='{id}'] .nv-failed-item").Select(e => e.TextContent).ToList();
        Assert.Equal(2, items.Count);
        Assert.Contains("explain:0:3", items[0], StringComparison.Ordinal);
        Assert.Contains("unparsable response for item 3", items[0], StringComparison.Ordinal);
    }

    [Fact]
    public void Start_submits_the_form_as_a_job_and_a_job_submitted_elsewhere_appears_live()
    {
        var cut = RenderPage();
        Assert.NotNull(cut.Find(".nv-no-jobs"));
        OperationsHarness.Change(cut, ".nv-layers input", "1-2");
        OperationsHarness.Click(cut, ".nv-start");
        cut.WaitForAssertion(() => Assert.Single(Store.Jobs.List()));
        var job = Store.Jobs.List()[0];
        Assert.Equal((JobKinds.Pipeline, JobState.Queued), (job.Kind, job.State));
        Assert.Contains("\"layers\":[1,2]", job.Parameters, StringComparison.Ordinal);
        Assert.Contains("\"maxExcerpts\":2000", job.Parameters, StringComparison.Ordinal);
        cut.WaitForAssertion(() => Assert.Contains("pipeline: layers 1,2, 2,000 excerpts", cut.Find($".nv-job[data-job='{job.Id}']").TextContent, StringComparison.Ordinal));

        var other = h.Engine.Submit(JobKinds.Collect, new CollectParameters { Layers = [0] }, "from the command line");
        cut.WaitForAssertion(() => Assert.Contains("from the command line", cut.Find($".nv-job[data-job='{other}']").TextContent, StringComparison.Ordinal),
            TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task An_ablate_job_is_started_with_its_simulator_and_divergence()
    {
        var cut = RenderPage();
        await cut.InvokeAsync(() => cut.FindComponents<MudSelect<string>>().Single(s => s.Instance.Class == "nv-kind").Instance.ValueChanged.InvokeAsync(JobKinds.Ablate));
        cut.WaitForAssertion(() => Assert.NotNull(cut.Find(".nv-divergence")));
        await cut.InvokeAsync(() => cut.FindComponents<MudSelect<string>>().Single(s => s.Instance.Class == "nv-divergence").Instance.ValueChanged.InvokeAsync("kl"));
        OperationsHarness.Change(cut, ".nv-layers input", "2");
        OperationsHarness.Click(cut, ".nv-start");
        cut.WaitForAssertion(() => Assert.Single(Store.Jobs.List()));
        var job = Store.Jobs.List()[0];
        Assert.Equal(JobKinds.Ablate, job.Kind);
        Assert.Contains("\"divergence\":\"kl\"", job.Parameters, StringComparison.Ordinal);
        Assert.Contains("\"simulator\":\"offline\"", job.Parameters, StringComparison.Ordinal);
        Assert.Contains("\"layers\":[2]", job.Parameters, StringComparison.Ordinal);
        cut.WaitForAssertion(() => Assert.Contains("ablate: layers 2, offline simulator, kl", cut.Find($".nv-job[data-job='{job.Id}']").TextContent, StringComparison.Ordinal));
    }

    [Fact]
    public void A_bad_layer_range_is_refused_with_its_reason_and_nothing_is_queued()
    {
        var cut = RenderPage();
        OperationsHarness.Change(cut, ".nv-layers input", "4-9");
        OperationsHarness.Click(cut, ".nv-start");
        cut.WaitForAssertion(() => Assert.Equal("Layers: layer 9 is out of range; the model has layers 0-5.", cut.Find(".nv-form-problem").TextContent.Trim()));
        Assert.Empty(Store.Jobs.List());
    }

    [GeneratedRegex(@"^1h 0[67]m$")]
    private static partial Regex DurationAroundAnHourAndSixMinutes();
}
