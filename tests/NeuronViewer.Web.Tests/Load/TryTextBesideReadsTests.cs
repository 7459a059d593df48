using System.Net;
using Microsoft.Extensions.DependencyInjection;
using NeuronViewer.Core.Records;
using NeuronViewer.Pipeline.Subject;
using NeuronViewer.Web.Neurons;
using NeuronViewer.Web.Security;

namespace NeuronViewer.Web.Tests.Load;

/// <summary>Issue 7 item 5: five "try your own text" runs of the real subject model at once do not hold up another user's reads.</summary>
public sealed class TryTextBesideReadsTests
{
    private const string Password = "a long enough password";

    [Fact]
    public async Task A_researcher_reads_the_neuron_list_while_five_try_text_runs_are_still_queued_or_running()
    {
        using var server = new LiveServer();
        server.Start();
        var researcher = server.AddUsers("rita", 1, Roles.Researcher, Password)[0];
        LoadStudy.Create(server.Store, [researcher], 3);
        using var reader = await AnnotatorClient.LoginAsync(server.BaseUrl, researcher.Name, Password);
        var views = server.Services.GetRequiredService<SubjectModelViews>();
        var host = server.Services.GetRequiredService<SubjectModelHost>();
        await host.GetAsync();
        var text = string.Join(' ', Enumerable.Repeat("The cat sat on the mat while the dog slept by the fire.", 60));

        // Hold the model's interactive threads (as long runs would), so the five runs below surely wait in its queue while
        // the reads are made: the reads must be answered anyway.
        using var hold = new ManualResetEventSlim();
        var holders = Enumerable.Range(0, host.Options.InteractiveWorkers)
            .Select(_ => host.RunInteractiveAsync(_ => hold.Wait(TimeSpan.FromMinutes(2)))).ToList();
        var runs = Enumerable.Range(0, 5).Select(_ => views.TryTextAsync(new NeuronId(1, 7), text, "the word cat")).ToList();
        var statuses = new List<HttpStatusCode>();
        int stillWaiting;
        try
        {
            for (var i = 0; i < 5; i++)
            {
                using var response = await reader.Http.GetAsync("/api/neurons?sort=-score").WaitAsync(TimeSpan.FromMinutes(1));
                statuses.Add(response.StatusCode);
            }
            stillWaiting = runs.Count(r => !r.IsCompleted);
        }
        finally
        {
            hold.Set();
        }

        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.OK, s));
        Assert.Equal(5, stillWaiting); // the reads did not wait for the subject model's queue
        Assert.All(await Task.WhenAll(holders), Assert.True);
        var results = await Task.WhenAll(runs).WaitAsync(TimeSpan.FromMinutes(3));
        Assert.All(results, r => Assert.Equal(r.Excerpt.Real.Tokens.Count, r.Excerpt.Real.Activations.Count));
    }
}
