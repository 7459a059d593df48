using System.Globalization;
using MudBlazor;
using NeuronViewer.Pipeline.Jobs;
using NeuronViewer.Storage.Jobs;

namespace NeuronViewer.Web.Jobs;

/// <summary>How pages show a job's figures: counts, rate, time left, times, state colours.</summary>
public static class JobFormat
{
    public static string Count(long n) => n.ToString("N0", CultureInfo.InvariantCulture);

    public static string Rate(double? perSecond, string unit = "items") => perSecond is { } r && double.IsFinite(r) && r > 0
        ? string.Create(CultureInfo.InvariantCulture, $"{(r >= 10 ? r.ToString("N0", CultureInfo.InvariantCulture) : r.ToString("N1", CultureInfo.InvariantCulture))} {unit}/s")
        : "—";

    public static string Duration(TimeSpan? span) => span is not { } s ? "—"
        : s.TotalHours >= 1 ? $"{(int)s.TotalHours}h {s.Minutes:00}m"
        : s.TotalMinutes >= 1 ? $"{s.Minutes}m {s.Seconds:00}s"
        : $"{Math.Max(0, (int)Math.Ceiling(s.TotalSeconds))}s";

    public static string Time(DateTime? utc) => utc is { } t ? t.ToLocalTime().ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) : "—";

    /// <summary>Processed / total as a percentage for a progress bar (0 when nothing is listed yet).</summary>
    public static double Percent(JobSnapshot job) => Math.Round(job.Fraction * 100, 1);

    public static double Percent(JobItemProgress p) => Math.Round(p.Fraction * 100, 1);

    public static Color StateColor(JobState state) => state switch
    {
        JobState.Running => Color.Info,
        JobState.Completed => Color.Success,
        JobState.Failed => Color.Error,
        JobState.Paused or JobState.Cancelled => Color.Warning,
        _ => Color.Default,
    };

    public static string StateName(JobState state) => state.ToString().ToLowerInvariant();

    public static bool CanCancel(JobSnapshot job) => job.State is JobState.Queued or JobState.Running or JobState.Paused;

    public static bool CanResume(JobSnapshot job) => job.State is JobState.Paused or JobState.Cancelled or JobState.Failed;

    public static bool CanRetry(JobSnapshot job) => job.Failed > 0;
}
