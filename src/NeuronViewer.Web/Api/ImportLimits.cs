using NeuronViewer.Pipeline.Exchange;

namespace NeuronViewer.Web.Api;

/// <summary>How much one upload may hold (<c>NeuronViewer:Import</c> in appsettings.json), for the Data page and <c>POST /api/import</c> alike.</summary>
public sealed class ImportLimits
{
    /// <summary>The configuration section.</summary>
    public const string Section = "NeuronViewer:Import";

    /// <summary>Largest file (the public records are about 0.25 MB).</summary>
    public long MaxFileBytes { get; set; } = 32L << 20;

    /// <summary>Most files per upload.</summary>
    public int MaxFiles { get; set; } = 500;

    /// <summary>Largest upload in all.</summary>
    public long MaxTotalBytes { get; set; } = 256L << 20;

    /// <summary>The importer's options with this file limit.</summary>
    public ImportOptions Options(string? subjectModel = null) =>
        string.IsNullOrWhiteSpace(subjectModel) ? new ImportOptions { MaxFileBytes = MaxFileBytes } : new ImportOptions { MaxFileBytes = MaxFileBytes, SubjectModel = subjectModel.Trim() };

    /// <summary>A size in MB for messages, e.g. "32 MB".</summary>
    public static string Mb(long bytes) => $"{bytes / (double)(1 << 20):0.#} MB";

    /// <summary>A size in kB below 1 MB, else in MB, e.g. "19.5 kB".</summary>
    public static string Size(long bytes) => bytes < 1 << 20 ? $"{bytes / 1024.0:0.#} kB" : Mb(bytes);
}
