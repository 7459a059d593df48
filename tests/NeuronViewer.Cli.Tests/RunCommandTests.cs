using NeuronViewer.Core.Records;
using NeuronViewer.Explainers.Tests.Fake;
using NeuronViewer.Storage.Explanations;
using NeuronViewer.Storage.Jobs;

namespace NeuronViewer.Cli.Tests;

/// <summary><c>run</c>: one resumable pipeline job; a rerun resumes or skips, <c>--retry-failed</c> redoes only failed neurons.</summary>
public sealed class RunCommandTests : IDisposable
{
    private static readonly string[] Offline = ["run", "--layers", "0", "--max-excerpts", "40", "--explainer", "offline", "--simulator", "offline", "--examples-per-split", "5"];
    private readonly DataFolderFixture data = new();

    public void Dispose() => data.Dispose();

    [Fact]
    public async Task A_run_collects_explains_and_scores_and_a_rerun_does_nothing_again()
    {
        var (exit, output, error) = await Cli.Run(Offline);
        Assert.True(exit == 0, error);
        Assert.StartsWith("pipeline job 1 completed: 1,025 done, 0 failed of 1,025 items; 512 neurons", output, StringComparison.Ordinal);
        var counts = data.Read(s => (s.Explanations.Count(), s.Scores.Count(), s.Jobs.List().Count));
        Assert.True(counts.Item1 > 512 && counts.Item2 == counts.Item1 * 2, $"{counts}");

        var again = await Cli.Run(Offline);
        Assert.Equal(0, again.Exit);
        Assert.Contains("job 1 already ran to completion", again.Err, StringComparison.Ordinal);
        Assert.Equal(counts, data.Read(s => (s.Explanations.Count(), s.Scores.Count(), s.Jobs.List().Count)));
    }

    [Fact]
    public async Task An_interrupted_run_resumes_where_it_stopped_without_duplicates()
    {
        // Stopped (as by Ctrl+C) once the progress shows the explain stage: collection is done, most neurons are not.
        var (exit, _, error) = await Cli.RunUntil("explain: ", Offline);
        Assert.True(exit == 130, error);
        var stopped = data.Read(s => s.Jobs.Get(1)!);
        Assert.Equal(JobState.Paused, stopped.State);
        Assert.InRange(stopped.Done, 1, stopped.Total - 1);
        var (code, output, err) = await Cli.Run(Offline);
        Assert.True(code == 0, err);
        Assert.Contains($"resuming job 1: {stopped.Done + stopped.Failed} of {stopped.Total} items finished", err, StringComparison.Ordinal);
        Assert.StartsWith("pipeline job 1 completed: 1,025 done", output, StringComparison.Ordinal);
        data.Read(s =>
        {
            Assert.Single(s.Jobs.List());
            Assert.All(s.Jobs.Items(1, take: 2000), i => Assert.Equal(1, i.Attempts));
            foreach (var n in s.Records.List(0))
            {
                var explanations = s.Explanations.ForNeuron(n);
                Assert.Equal(explanations.Count, explanations.Select(e => e.SampleIndex).Distinct().Count());
                Assert.Equal(explanations.Count * 2, s.Scores.ForNeuron(n).Count);
            }
            return 0;
        });
    }

    [Fact]
    public async Task Failed_neurons_are_reported_with_the_raw_response_and_retry_failed_redoes_only_them()
    {
        await using var server = await FakeOpenAiServer.StartAsync();
        var requests = 0;
        server.Chat = body => Interlocked.Increment(ref requests) <= 3
            ? FakeReply.Error(400, "the model is overloaded, sorry")
            : body["n"]!.GetValue<int>() == 5
                ? FakeReply.Chat(300, 40, " capital letters.", " names of people.", " words after 'the'.", " commas.", " numbers.")
                : FakeReply.Chat(320, 30, " capital letters.\n2. the main thing this neuron does is find names\n3. titles.");
        string[] args = ["run", "--layers", "0", "--max-excerpts", "40", "--explainer", "openai", "--simulator", "offline", "--examples-per-split", "5",
            "--endpoint", server.BaseUrl.AbsoluteUri, "--model", "fake-explainer"];

        var first = await Cli.Run(args);
        Assert.Equal(1, first.Exit);
        Assert.Contains("item(s) failed; run the same command with --retry-failed to redo them.", first.Err, StringComparison.Ordinal);
        var failed = data.Read(s => s.Jobs.Items(1, JobItemState.Failed, take: 1000));
        var failedNeurons = failed.Where(i => i.Key.StartsWith("explain", StringComparison.Ordinal)).Select(i => i.Key[8..]).ToList();
        Assert.NotEmpty(failedNeurons);
        Assert.All(failed.Where(i => i.Key.StartsWith("explain", StringComparison.Ordinal)), i => Assert.Contains("the model is overloaded, sorry", i.Error, StringComparison.Ordinal));
        Assert.All(failed.Where(i => i.Key.StartsWith("score", StringComparison.Ordinal)), i => Assert.Contains(i.Key[6..], failedNeurons));
        var kept = data.Read(s => s.Explanations.All().Select(e => e.Id).ToList());
        Assert.All(data.Read(s => s.Explanations.All().ToList()), e => Assert.Equal(("chat", "fake-explainer", false), (e.Backend!.Kind, e.Backend.Model, e.IsBaseline)));

        var second = await Cli.Run([.. args, "--retry-failed"]);
        Assert.True(second.Exit == 0, second.Err);
        Assert.Contains($"retrying {failed.Count} failed", second.Err, StringComparison.Ordinal);
        data.Read(s =>
        {
            Assert.Equal(kept, s.Explanations.All().Select(e => e.Id).Where(kept.Contains).ToList());
            foreach (var key in failedNeurons)
            {
                var parts = key.Split(':');
                Assert.NotEmpty(s.Explanations.ForNeuron(new NeuronId(int.Parse(parts[0], System.Globalization.CultureInfo.InvariantCulture), int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture))));
            }
            Assert.Equal(kept.Count + failedNeurons.Count * 5, s.Explanations.Count());
            return 0;
        });
    }
}
