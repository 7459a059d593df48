namespace NeuronViewer.Pipeline.Subject;

/// <summary>Which subject model to load and how to run it (configuration section <c>NeuronViewer:SubjectModel</c>).</summary>
public sealed class SubjectModelOptions
{
    public const string Section = "NeuronViewer:SubjectModel";

    /// <summary>"bundled" for the shipped default, or a Hugging Face GPT-2 checkpoint folder.</summary>
    public string Path { get; set; } = "bundled";

    /// <summary>The TorchSharp device, "cpu" or "cuda" / "cuda:N".</summary>
    public string Device { get; set; } = "cpu";

    /// <summary>Torch intra-op threads for the whole process (heavy jobs and interactive requests alike).</summary>
    public int Threads { get; set; } = 2;

    /// <summary>Dedicated threads that serve interactive requests ("run this text"); never the thread pool.</summary>
    public int InteractiveWorkers { get; set; } = 1;

    /// <summary>Interactive requests that may wait; beyond this a request is refused as busy.</summary>
    public int InteractiveQueue { get; set; } = 32;

    /// <summary>Longest text, in tokens, an interactive request runs (longer texts are cut, and say so).</summary>
    public int MaxInteractiveTokens { get; set; } = 256;
}
