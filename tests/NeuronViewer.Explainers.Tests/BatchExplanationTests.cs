using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using NeuronViewer.Core.Abstractions;
using NeuronViewer.Core.Prompts;
using NeuronViewer.Core.Records;
using NeuronViewer.Explainers.Batching;
using NeuronViewer.Explainers.Explaining;
using NeuronViewer.Explainers.Tests.Fake;
using NeuronViewer.Explainers.Tests.Support;

namespace NeuronViewer.Explainers.Tests;

/// <summary>The chat explainer through the Batch API: n samples and the numbered list per neuron, matched by custom id, resumable.</summary>
public sealed partial class BatchExplanationTests : IAsyncLifetime, IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "nv-batch-explain-" + Guid.NewGuid().ToString("N"));
    private FakeOpenAiServer _server = null!;

    public async Task InitializeAsync()
    {
        _server = await FakeOpenAiServer.StartAsync();
        // Answers name the target's firing token (the one shown with value 10), so a mix-up of custom ids would show.
        _server.Chat = body =>
        {
            var user = body["messages"]!.AsArray()[^1]!["content"]!.GetValue<string>();
            var token = FiringToken().Matches(user)[^1].Groups[1].Value;
            if (token == "boom")
                return FakeReply.Error(400, "bad request for boom");
            var n = body["n"]!.GetValue<int>();
            return n > 1
                ? FakeReply.Chat(300, 10 * n, [.. Enumerable.Range(0, n).Select(i => i % 2 == 0 ? $" the word {token}." : $" words like {token}")])
                : FakeReply.Chat(350, 40, $" {token} in lists.\n2. the main thing this neuron does is find {token} at line ends\n3. the word {token}.");
        };
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    public void Dispose()
    {
        if (Directory.Exists(_folder))
            Directory.Delete(_folder, recursive: true);
    }

    [GeneratedRegex("\n ?(\\w+)\t10\n")]
    private static partial Regex FiringToken();

    private static ExplanationJob Job(string id, string token) =>
        new(id, new ExplainRequest(new NeuronId(0, id.Length), [new ActivationRecord([" a", " " + token, " z"], [0, 5, 1])], 5));

    private static readonly ExplanationJob[] Jobs = [Job("L0/N1", "cat"), Job("L0/N2", "boom"), Job("L0/N3", "dog")];

    private OpenAiExplainer Explainer(out BatchRunner runner, int pollMs = 10)
    {
        var connection = Connections.For(_server);
        runner = new BatchRunner(connection, new FileBatchStateStore(_folder), TimeSpan.FromMilliseconds(pollMs));
        return new OpenAiExplainer(connection, "gpt-test", new ExplainerOptions { FewShot = TestFewShotSets.Activations });
    }

    [Fact]
    public async Task Each_neuron_gets_its_own_sampled_and_numbered_candidates_matched_by_custom_id()
    {
        var explainer = Explainer(out var runner);
        var results = await BatchExplanation.ExplainAsync(explainer, runner, "explain-layer0", Jobs);

        Assert.Equal(["the word cat", "words like cat", "cat in lists", "cat at line ends"], results["L0/N1"].Explanations);
        Assert.Equal(["the word dog", "words like dog", "dog in lists", "dog at line ends"], results["L0/N3"].Explanations);
        Assert.Equal(new Usage(2, 650, 90), results["L0/N1"].Usage);
        Assert.True(results["L0/N2"].Failed);
        Assert.Contains("bad request for boom", results["L0/N2"].FailureReason, StringComparison.Ordinal);
        Assert.Contains("\"custom_id\":\"L0/N2/sampled\"", results["L0/N2"].RawResponse, StringComparison.Ordinal);
        Assert.Contains("\"custom_id\":\"L0/N2/numbered\"", results["L0/N2"].RawResponse, StringComparison.Ordinal);

        Assert.Equal(1, _server.Count("files"));
        Assert.Equal(1, _server.BatchesCreated);
        Assert.Equal(0, _server.Count("chat/completions"));
        var created = _server.Requests.Single(r => r.Path == "batches").Json;
        Assert.Equal("/v1/chat/completions", created["endpoint"]!.GetValue<string>());
    }

    [Fact]
    public void The_batch_requests_are_the_explainer_requests()
    {
        var explainer = Explainer(out _);
        var calls = explainer.BuildRequests(Jobs[0].Request);
        Assert.Equal([OpenAiExplainer.SampledPart, OpenAiExplainer.NumberedPart], calls.Select(c => c.Part));
        Assert.Equal(5, calls[0].Body["n"]!.GetValue<int>());
        Assert.Equal(1.0, calls[0].Body["temperature"]!.GetValue<double>());
        Assert.Equal(1, calls[1].Body["n"]!.GetValue<int>());
        var user = calls[1].Body["messages"]!.AsArray()[^1]!["content"]!.GetValue<string>();
        Assert.Contains(" cat\t10\n", user, StringComparison.Ordinal);
        Assert.Contains("Here are 5 possible explanations", user, StringComparison.Ordinal);
        Assert.Single(explainer.BuildRequests(Jobs[0].Request with { Candidates = 1 }));
    }

    [Fact]
    public async Task A_restarted_run_resumes_the_batch_and_a_changed_job_list_is_refused()
    {
        _server.BatchPollsBeforeDone = 1000;
        var explainer = Explainer(out var runner, pollMs: 20);
        using (var cts = new CancellationTokenSource())
        {
            var stopped = BatchExplanation.ExplainAsync(explainer, runner, "job", Jobs, cancellationToken: cts.Token);
            await _server.WaitForAsync("batches/get"); // the batch is submitted and being polled
            await cts.CancelAsync();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => stopped);
        }

        _server.BatchPollsBeforeDone = 0;
        var restarted = Explainer(out var restartedRunner);
        var changed = await Assert.ThrowsAsync<InvalidOperationException>(() => BatchExplanation.ExplainAsync(restarted, restartedRunner, "job", Jobs[..1]));
        Assert.Contains("delete its saved state", changed.Message, StringComparison.Ordinal);

        var results = await BatchExplanation.ExplainAsync(restarted, restartedRunner, "job", Jobs);
        Assert.Equal(1, _server.BatchesCreated);
        Assert.Equal(1, _server.Count("files"));
        Assert.Equal("the word cat", results["L0/N1"].Explanations[0]);
    }
}
