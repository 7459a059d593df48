using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace NeuronViewer.Web.Tests.Faults;

/// <summary>A job as the /jobs page shows it: state, items processed of total, and the running item's own progress (stage, count, unit).</summary>
public sealed record JobView(string State, long Processed, long Total, string? Stage, long? DetailProcessed, long? DetailTotal, string? Unit);

/// <summary>The built web app in a child process on a data folder (as a person runs it): its job progress read from the /jobs page, and a hard kill.</summary>
public sealed partial class ServerProcess : IDisposable
{
    private readonly Process process;
    private readonly StringBuilder output = new();
    private readonly HttpClient http;

    private ServerProcess(Process process, Uri address)
    {
        this.process = process;
        http = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(60) };
    }

    /// <summary>What the server printed so far (standard output and error).</summary>
    public string Output
    {
        get
        {
            lock (output) return output.ToString();
        }
    }

    /// <summary>Starts <c>dotnet NeuronViewer.Web.dll</c> on 127.0.0.1 with a free port and returns once it listens.</summary>
    public static async Task<ServerProcess> StartAsync(string dataFolder, IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "NeuronViewer.Web.dll"));
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add("http://127.0.0.1:0");
        start.Environment["NeuronViewer__DataFolder"] = dataFolder;
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
            start.Environment[key] = value;
        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var listening = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        var log = new StringBuilder();
        void OnLine(string? line)
        {
            if (line is null) return;
            lock (log) log.AppendLine(line);
            if (ListeningLine().Match(line) is { Success: true } m)
                listening.TrySetResult(new Uri(m.Groups[1].Value));
        }
        process.OutputDataReceived += (_, e) => OnLine(e.Data);
        process.ErrorDataReceived += (_, e) => OnLine(e.Data);
        process.Exited += (_, _) => listening.TrySetException(new InvalidOperationException("The web app exited before it listened:\n" + Text(log)));
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            var address = await listening.Task.WaitAsync(TimeSpan.FromMinutes(2));
            var server = new ServerProcess(process, address);
            process.OutputDataReceived += (_, e) => server.Append(e.Data);
            process.ErrorDataReceived += (_, e) => server.Append(e.Data);
            server.Append(Text(log));
            return server;
        }
        catch
        {
            if (!process.HasExited) process.Kill();
            process.Dispose();
            throw;
        }
    }

    /// <summary>The job as the prerendered /jobs page shows it; null when the page does not list it.</summary>
    public async Task<JobView?> JobAsync(long id)
    {
        var html = await http.GetStringAsync(new Uri("/jobs", UriKind.Relative));
        var card = Regex.Match(html, $"""<div(?=[^>]*data-job="{id}")(?=[^>]*data-state="(?<state>[a-z]+)")[^>]*>""");
        if (!card.Success) return null;
        var rest = html[(card.Index + card.Length)..];
        var next = rest.IndexOf("data-state=\"", StringComparison.Ordinal); // the next job's card
        if (next > 0) rest = rest[..next];
        var processed = Count(Regex.Match(rest, """nv-processed">([\d,]+)<""").Groups[1].Value);
        var total = Count(Regex.Match(rest, """nv-total">([\d,]+)<""").Groups[1].Value);
        var detail = Regex.Match(rest, """nv-detail[^>]*>\s*([^<:]*):\s*([\d,]+)\s*/\s*([\d,]+)\s*(\w+)""");
        return new JobView(card.Groups["state"].Value, processed, total, detail.Success ? detail.Groups[1].Value.Trim() : null,
            detail.Success ? Count(detail.Groups[2].Value) : null, detail.Success ? Count(detail.Groups[3].Value) : null, detail.Success ? detail.Groups[4].Value : null);
    }

    /// <summary>Polls the page until the job matches; fails with the last view and the server's output after the timeout.</summary>
    public async Task<JobView> WaitForAsync(long id, Func<JobView, bool> condition, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        JobView? last = null;
        while (clock.Elapsed < timeout)
        {
            if (process.HasExited)
                throw new InvalidOperationException($"The web app exited ({process.ExitCode}) while job {id} was {last}:\n{Output}");
            last = await JobAsync(id);
            if (last is not null && condition(last))
                return last;
            await Task.Delay(100);
        }
        throw new TimeoutException($"Job {id} did not get there in {timeout}; last seen {last}.\n{Output}");
    }

    /// <summary>kill -9: Process.Kill sends SIGKILL on Linux; nothing in the app runs after it.</summary>
    public void KillHard()
    {
        if (!process.HasExited) process.Kill();
        process.WaitForExit();
    }

    public void Dispose()
    {
        KillHard();
        process.Dispose();
        http.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null) return;
        lock (output) output.AppendLine(line);
    }

    private static string Text(StringBuilder log)
    {
        lock (log) return log.ToString();
    }

    private static long Count(string text) => string.IsNullOrEmpty(text) ? -1 : long.Parse(text.Replace(",", "", StringComparison.Ordinal), CultureInfo.InvariantCulture);

    [GeneratedRegex(@"Now listening on: (http://\S+)")]
    private static partial Regex ListeningLine();
}
