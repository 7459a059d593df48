namespace NeuronViewer.Pipeline.Jobs;

/// <summary>Job engine settings (configuration section <c>NeuronViewer:Jobs</c>).</summary>
public sealed class JobEngineOptions
{
    public const string Section = "NeuronViewer:Jobs";

    /// <summary>Jobs that run at the same time; heavy compute on 2 cores wants 1.</summary>
    public int MaxConcurrentJobs { get; set; } = 1;

    /// <summary>Whether jobs left running by a stopped or crashed process continue when this engine starts (the CLI may turn it off).</summary>
    public bool ResumeOnStart { get; set; } = true;

    /// <summary>When set, the engine starts only the queued jobs this accepts (the CLI runs just the job it submitted).</summary>
    public Func<Storage.Jobs.JobRecord, bool>? Claim { get; set; }

    /// <summary>Log lines kept per job.</summary>
    public int LogCapacity { get; set; } = 200;

    /// <summary>Least time between two progress notifications of one job.</summary>
    public TimeSpan ProgressInterval { get; set; } = TimeSpan.FromMilliseconds(250);
}
