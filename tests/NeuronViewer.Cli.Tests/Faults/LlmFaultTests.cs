using NeuronViewer.Explainers.Tests.Fake;
using NeuronViewer.Storage.Jobs;

namespace NeuronViewer.Cli.Tests.Faults;

/// <summary>A job whose provider answers 500s or nothing at all: each call is retried, then the neuron is marked failed with the reason and raw response, and the job goes on with the others.</summary>
public sealed class LlmFaultTests : IDisposable
{
    private readonly DataFolderFixture data = new();
    private readonly ProviderEnvironment settings = new(
        ("NeuronViewer__Provider__MaxRetries", "1"), ("NeuronViewer__Provider__TimeoutSeconds", "1"),
        ("NeuronViewer__Provider__RetryBaseDelayMilliseconds", "10"), ("NeuronViewer__Provider__RetryMaxDelayMilliseconds", "20"),
        ("NeuronViewer__Provider__MaxConcurrency", "1")); // one call at a time: the scripted replies go to the first neurons in order

    public void Dispose()
    {
        settings.Dispose();
        data.Dispose();
    }

    [Fact]
    public async Task Server_errors_and_timeouts_are_retried_then_the_neuron_fails_with_the_reason_and_the_job_goes_on()
    {
        await using var server = await FakeOpenAiServer.StartAsync();
        var late = FakeReply.Chat(300, 40, " too late.") with { Delay = TimeSpan.FromSeconds(4) };
        var down = FakeReply.Error(500, "the engine is down", "server_error");
        // Each neuron makes two calls (sampled candidates and a numbered list), each tried twice: the first neuron gets four 500s,
        // the second four replies that come too late.
        server.Script("chat/completions", down, down, down, down, late, late, late, late);
        server.Chat = body => body["n"]!.GetValue<int>() == 5
            ? FakeReply.Chat(300, 40, " capital letters.", " names of people.", " words after 'the'.", " commas.", " numbers.")
            : FakeReply.Chat(320, 30, " titles.\n2. names\n3. places.\n4. dates.\n5. numbers.");

        var (exit, _, error) = await Cli.Run("run", "--layers", "0", "--max-excerpts", "40", "--explainer", "openai", "--simulator", "offline",
            "--examples-per-split", "5", "--endpoint", server.BaseUrl.AbsoluteUri, "--model", "fake-explainer");

        Assert.True(exit == 1, error); // finished, with failed items to retry
        var job = data.Read(s => s.Jobs.Get(1)!);
        var failed = data.Read(s => s.Jobs.Items(1, JobItemState.Failed, take: 2000)).Where(i => i.Key.StartsWith("explain", StringComparison.Ordinal)).ToList();
        Assert.Equal(JobState.Completed, job.State);
        Assert.True(failed.Count == 2, string.Join("\n", failed.Select(f => f.Key + " " + f.Error)) + $"\nrequests {server.Count("chat/completions")}\n{error}");
        // 2 attempts (1 retry) of both calls for each failing neuron, then two calls for every other neuron that activates
        var alive = data.Read(s => s.Records.List(0).Count(n => s.Records.Get(n)!.Record.MaxActivation > 0));
        Assert.Equal(8 + 2 * (alive - 2), server.Count("chat/completions"));
        Assert.Contains("HTTP 500", failed[0].Error, StringComparison.Ordinal);
        Assert.Contains("raw response:", failed[0].Error, StringComparison.Ordinal);
        Assert.Contains("the engine is down", failed[0].Error, StringComparison.Ordinal);
        Assert.Contains("timed out", failed[1].Error, StringComparison.Ordinal);
        Assert.Equal(5 * (alive - 2), data.Read(s => s.Explanations.Count()));
        Assert.Equal(job.Total - job.Failed, job.Done);
        var log = data.Read(s => s.Jobs.LogOf(1).Select(e => e.Message).ToList());
        Assert.Contains(log, m => m.Contains(failed[0].Key, StringComparison.Ordinal) && m.Contains("HTTP 500", StringComparison.Ordinal));
    }
}
