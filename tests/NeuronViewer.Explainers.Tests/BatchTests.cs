using NeuronViewer.Core.Prompts;
using NeuronViewer.Explainers.Batching;
using NeuronViewer.Explainers.Simulating;
using NeuronViewer.Explainers.Tests.Fake;
using NeuronViewer.Explainers.Tests.Support;
using static NeuronViewer.Explainers.Tests.Support.Lines;

namespace NeuronViewer.Explainers.Tests;

/// <summary>Batch mode: JSONL upload, batch creation, polling, downloads, custom-id matching, errors, and resume after a restart.</summary>
public sealed class BatchTests : IAsyncLifetime, IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "nv-batch-" + Guid.NewGuid().ToString("N"));
    private FakeOpenAiServer _server = null!;

    public async Task InitializeAsync()
    {
        _server = await FakeOpenAiServer.StartAsync();
        _server.Chat = body =>
        {
            var tokens = TargetTokens(body);
            return tokens.Any(t => t.Contains("boom", StringComparison.Ordinal))
                ? FakeReply.Error(400, "bad request for boom")
                : Reply(tokens.SelectMany(t => Line(t, Value(t == " of" ? "9" : "0"))));
        };
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    public void Dispose()
    {
        if (Directory.Exists(_folder))
            Directory.Delete(_folder, recursive: true);
    }

    private static readonly SimulationJob[] Jobs =
    [
        new("r1", "the token \"of\"", [" cup", " of", " tea"]),
        new("r2", "the token \"of\"", [" boom"]),
        new("r3", "the token \"of\"", [" end", " of"]),
    ];

    [Fact]
    public async Task Results_are_matched_by_custom_id_and_failures_keep_their_raw_line()
    {
        var connection = Connections.For(_server);
        var simulator = ChatSimulator.Lines(connection, "sim", new ChatSimulatorOptions { FewShot = TestFewShotSets.Activations });
        var runner = new BatchRunner(connection, new FileBatchStateStore(_folder), TimeSpan.FromMilliseconds(10));
        var outcomes = await BatchSimulation.SimulateAsync(simulator, runner, "layer0-job", Jobs);
        Assert.Equal([0.0, 9.0, 0.0], outcomes["r1"].Simulation!.ExpectedActivations);
        Assert.Equal([0.0, 9.0], outcomes["r3"].Simulation!.ExpectedActivations);
        Assert.False(outcomes["r2"].Succeeded);
        Assert.Contains("bad request for boom", outcomes["r2"].FailureReason, StringComparison.Ordinal);
        Assert.Contains("\"custom_id\":\"r2\"", outcomes["r2"].RawResponse, StringComparison.Ordinal);
        Assert.Equal(1, _server.Count("files"));
        Assert.Equal(1, _server.BatchesCreated);
        Assert.True(_server.Count("batches/get") >= 2);
        Assert.Equal(12, outcomes["r1"].Usage.CompletionTokens);
    }

    [Fact]
    public async Task A_restarted_run_resumes_the_persisted_batch_without_submitting_again()
    {
        var store = new FileBatchStateStore(_folder);
        _server.BatchPollsBeforeDone = 1000;
        var connection = Connections.For(_server);
        var simulator = ChatSimulator.Lines(connection, "sim", new ChatSimulatorOptions { FewShot = TestFewShotSets.Activations });
        using (var cts = new CancellationTokenSource())
        {
            var stopped = BatchSimulation.SimulateAsync(simulator, new BatchRunner(connection, store, TimeSpan.FromMilliseconds(20)), "job", Jobs, cancellationToken: cts.Token);
            await _server.WaitForAsync("batches/get"); // the batch is submitted and being polled
            await cts.CancelAsync();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => stopped);
        }
        Assert.NotNull(await store.LoadAsync("job"));

        _server.BatchPollsBeforeDone = 0;
        var restarted = Connections.For(_server);
        var outcomes = await BatchSimulation.SimulateAsync(
            ChatSimulator.Lines(restarted, "sim", new ChatSimulatorOptions { FewShot = TestFewShotSets.Activations }),
            new BatchRunner(restarted, new FileBatchStateStore(_folder), TimeSpan.FromMilliseconds(10)), "job", Jobs);
        Assert.Equal(1, _server.BatchesCreated);
        Assert.Equal(1, _server.Count("files"));
        Assert.True(outcomes["r1"].Succeeded);
    }
}
