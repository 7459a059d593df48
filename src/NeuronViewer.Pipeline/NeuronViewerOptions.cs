namespace NeuronViewer.Pipeline;

/// <summary>Top-level settings (configuration section <c>NeuronViewer</c>) that this layer reads.</summary>
public sealed class NeuronViewerOptions
{
    public const string Section = "NeuronViewer";

    /// <summary>Where the database lives; empty means the per-user default (env <c>NeuronViewer__DataFolder</c>).</summary>
    public string? DataFolder { get; set; }

    /// <summary>The corpus collections read when a job names none: "bundled", a UTF-8 text file or a folder of them.</summary>
    public string Corpus { get; set; } = "bundled";
}
