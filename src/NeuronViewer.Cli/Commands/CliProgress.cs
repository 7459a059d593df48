using System.Globalization;
using NeuronViewer.Pipeline.Jobs;
using Spectre.Console;

namespace NeuronViewer.Cli.Commands;

/// <summary>Progress bars on standard error (Spectre.Console) with processed, failed, rate and time left.</summary>
public static class CliProgress
{
    /// <summary>Runs work with a progress display on <paramref name="stderr"/>.</summary>
    public static Task RunAsync(TextWriter stderr, Func<ProgressContext, Task> work)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(stderr) });
        return console.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(), new SpinnerColumn())
            .StartAsync(work);
    }

    /// <summary>Shows in-item progress on a task: "pass 1 of 2: 1,234/3,000 excerpts · 120/s · ETA 0:25".</summary>
    public static void Show(ProgressTask task, JobItemProgress p)
    {
        task.MaxValue = Math.Max(1, p.Total);
        task.Value = Math.Min(p.Processed, task.MaxValue);
        task.Description = Markup.Escape(Describe(p));
    }

    /// <summary>Shows a job's progress on a task: "explain: 1,234/6,145 items · 3 failed · 12/s · ETA 4:10".</summary>
    public static void Show(ProgressTask task, JobSnapshot s, string stage)
    {
        task.MaxValue = Math.Max(1, s.Total);
        task.Value = Math.Min(s.Processed, task.MaxValue);
        task.Description = Markup.Escape(Describe(s, stage));
    }

    public static string Describe(JobItemProgress p) => string.Create(CultureInfo.InvariantCulture,
        $"{p.Stage}: {p.Processed:N0}/{p.Total:N0} {p.Unit}{Rate(p.Rate)}{Eta(p.Eta)}");

    public static string Describe(JobSnapshot s, string stage) => string.Create(CultureInfo.InvariantCulture,
        $"{stage}: {s.Processed:N0}/{s.Total:N0} items · {s.Failed:N0} failed{Rate(s.ItemsPerSecond)}{Eta(s.Eta)}");

    private static string Rate(double? perSecond) =>
        perSecond is { } r && double.IsFinite(r) && r > 0 ? string.Create(CultureInfo.InvariantCulture, $" · {r:N1}/s") : "";

    private static string Eta(TimeSpan? eta) =>
        eta is { } e ? " · ETA " + (e.TotalHours >= 1 ? e.ToString(@"h\:mm\:ss", CultureInfo.InvariantCulture) : e.ToString(@"m\:ss", CultureInfo.InvariantCulture)) : "";
}
