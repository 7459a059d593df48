using System.Collections.Concurrent;
using NeuronViewer.Core.Records;
using NeuronViewer.Pipeline.Jobs;
using NeuronViewer.Storage;
using NeuronViewer.Storage.Explanations;
using NeuronViewer.Storage.Jobs;

namespace NeuronViewer.Pipeline.Tests;

/// <summary>Parameters of the test job kind: how many items, and which of them fail and how.</summary>
public sealed record TestJobParameters(int Count, int[]? FailReturn = null, int[]? FailThrow = null, int[]? FailOnce = null, int? FatalAt = null);

/// <summary>
/// A real job handler for tests: item i stores an explanation of neuron 0:i in the commit (so duplicates would show in the database),
/// can fail by result, by exception, once only, or fatally, and can be held at a gate to stop it mid-job.
/// </summary>
public sealed class TestHandler(NeuronViewerStore store, string kind = "test", int parallel = 1) : IJobHandler
{
    private int inFlight;

    public string Kind => kind;

    public int MaxParallelItems => parallel;

    /// <summary>When set, every item waits for a permit before finishing.</summary>
    public SemaphoreSlim? Gate { get; set; }

    /// <summary>Set when the commit should throw after writing (to prove the write is rolled back).</summary>
    public bool BreakCommit { get; set; }

    public ConcurrentQueue<string> Invocations { get; } = new();

    public int MaxInFlight { get; private set; }

    public int InFlight => Volatile.Read(ref inFlight);

    public IEnumerable<string> EnumerateItems(JobContext context) =>
        Enumerable.Range(0, context.Parameters<TestJobParameters>().Count).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture));

    public async Task<JobItemResult> RunItemAsync(JobContext context, JobItemRecord item, CancellationToken cancellationToken)
    {
        var p = context.Parameters<TestJobParameters>();
        var i = int.Parse(item.Key, System.Globalization.CultureInfo.InvariantCulture);
        Invocations.Enqueue(item.Key);
        lock (Invocations)
            MaxInFlight = Math.Max(MaxInFlight, Interlocked.Increment(ref inFlight));
        try
        {
            if (Gate is not null)
                await Gate.WaitAsync(cancellationToken);
            else
                await Task.Yield();
            if (p.FatalAt == i)
                throw new JobFatalException("the subject model is missing");
            if (p.FailThrow?.Contains(i) == true)
                throw new InvalidOperationException($"boom {i}");
            if (p.FailReturn?.Contains(i) == true)
                return JobItemResult.Failure($"unparsable response for {i}");
            if (p.FailOnce?.Contains(i) == true && item.Attempts == 0)
                return JobItemResult.Failure($"rate limited {i}");
            return JobItemResult.Success(() =>
            {
                store.Explanations.Add(new StoredExplanation { Neuron = new NeuronId(0, i), Text = $"item {i}", JobId = context.JobId });
                if (BreakCommit)
                    throw new IOException("disk full");
            });
        }
        finally
        {
            Interlocked.Decrement(ref inFlight);
        }
    }
}
