using System.Diagnostics;

namespace NeuronViewer.Benchmarks.Storage;

/// <summary>Runs an action repeatedly and reports p50/p95 in milliseconds.</summary>
internal static class Measure
{
    public static (double P50, double P95) Percentiles(Action action, int runs)
    {
        action();
        var times = new double[runs];
        for (var i = 0; i < runs; i++)
        {
            var watch = Stopwatch.StartNew();
            action();
            times[i] = watch.Elapsed.TotalMilliseconds;
        }
        Array.Sort(times);
        return (times[runs / 2], times[Math.Min(runs - 1, (int)Math.Ceiling(runs * 0.95) - 1)]);
    }

    public static double Seconds(Action action)
    {
        var watch = Stopwatch.StartNew();
        action();
        return watch.Elapsed.TotalSeconds;
    }

    public static string Size(long bytes) => bytes >= 1 << 20 ? $"{bytes / (1024.0 * 1024):F1} MiB" : $"{bytes / 1024.0:F1} KiB";

    /// <summary>Size of the database with its write-ahead log (what the data folder holds).</summary>
    public static long FileSize(string databasePath)
    {
        var log = Path.Combine(Path.GetDirectoryName(databasePath)!, Path.GetFileNameWithoutExtension(databasePath) + "-log.db");
        return new FileInfo(databasePath).Length + (File.Exists(log) ? new FileInfo(log).Length : 0);
    }
}
