using NeuronViewer.Pipeline.Jobs;
using NeuronViewer.Storage;

namespace NeuronViewer.Pipeline.Stages;

/// <summary>
/// The first run a new user starts on an empty database: the subject model (bundled by default) over the first excerpts of the
/// bundled corpus, all layers, explained and scored by the offline baselines, so the pages have content within minutes.
/// </summary>
public static class FirstRun
{
    /// <summary>Excerpts of the bundled corpus the first run reads (measured: see <see cref="ExpectedDuration"/>).</summary>
    public const long DefaultExcerpts = 1500;

    /// <summary>How long the first run takes with the bundled model on a 2-core machine (measured with the default excerpts).</summary>
    public const string ExpectedDuration = "about 5 minutes";

    public const string Title = "First run: bundled model and corpus, offline baselines";

    /// <summary>The pipeline the first run is.</summary>
    public static PipelineParameters Parameters(FirstRunParameters p) => new()
    {
        Collect = new CollectParameters { Corpus = "bundled", MaxExcerpts = p.MaxExcerpts },
        Candidates = 5,
        Backend = BackendChoice.Offline,
        ExamplesPerSplit = ExamplesPerSplit,
    };

    /// <summary>Records per split when scoring (the reference's demo setting): 10 valid and 10 calibration excerpts per candidate.</summary>
    public const int ExamplesPerSplit = 5;

    /// <summary>Whether the database has no neuron record yet.</summary>
    public static bool IsDatabaseEmpty(NeuronViewerStore store) => store.Records.Count() == 0;

    /// <summary>The newest first-run job, if any.</summary>
    public static JobSnapshot? Latest(JobEngine engine) => engine.List(500).FirstOrDefault(j => j.Kind == JobKinds.FirstRun);

    /// <summary>Queues the first run (or returns the unfinished one already queued or running).</summary>
    public static long Start(JobEngine engine, long maxExcerpts = DefaultExcerpts)
    {
        if (Latest(engine) is { IsFinal: false } existing)
        {
            engine.Resume(existing.Id);
            return existing.Id;
        }
        return engine.Submit(JobKinds.FirstRun, new FirstRunParameters { MaxExcerpts = maxExcerpts }, Title);
    }
}
