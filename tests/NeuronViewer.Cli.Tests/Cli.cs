using System.CommandLine;

namespace NeuronViewer.Cli.Tests;

/// <summary>Runs the real command line in-process with captured output.</summary>
public static class Cli
{
    public static Task<(int Exit, string Out, string Err)> Run(params string[] args) => Run(CancellationToken.None, args);

    /// <summary>Runs a command that is cancelled (as by Ctrl+C) when the token fires.</summary>
    public static async Task<(int Exit, string Out, string Err)> Run(CancellationToken cancellationToken, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int exit = await Program.BuildRoot().Parse(args).InvokeAsync(new InvocationConfiguration { Output = output, Error = error }, cancellationToken);
        return (exit, output.ToString(), error.ToString());
    }

    /// <summary>Runs a command and cancels it (as by Ctrl+C) as soon as its standard error contains <paramref name="text"/>.</summary>
    public static async Task<(int Exit, string Out, string Err)> RunUntil(string text, params string[] args)
    {
        using var cancel = new CancellationTokenSource();
        var output = new StringWriter();
        var error = new WatchedWriter(text, () => _ = Task.Run(cancel.Cancel));
        int exit = await Program.BuildRoot().Parse(args).InvokeAsync(new InvocationConfiguration { Output = output, Error = error }, cancel.Token);
        return (exit, output.ToString(), error.ToString());
    }

    public static string FixtureFolder => Path.Combine(AppContext.BaseDirectory, "Fixtures", "gpt2-reference");
}

/// <summary>A temporary folder deleted on dispose.</summary>
public sealed class TempFolder : IDisposable
{
    public TempFolder()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "nv-cli-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose()
    {
        try { Directory.Delete(Path, recursive: true); } catch (IOException) { }
    }
}

/// <summary>A string writer that calls <c>seen</c> once, the first time its text contains <c>text</c>.</summary>
internal sealed class WatchedWriter(string text, Action seen) : StringWriter
{
    private bool fired;

    public override void Write(char value)
    {
        base.Write(value);
        Check();
    }

    public override void Write(string? value)
    {
        base.Write(value);
        Check();
    }

    public override void Write(char[] buffer, int index, int count)
    {
        base.Write(buffer, index, count);
        Check();
    }

    public override void Write(ReadOnlySpan<char> buffer)
    {
        base.Write(buffer);
        Check();
    }

    private void Check()
    {
        if (fired || !GetStringBuilder().ToString().Contains(text, StringComparison.Ordinal)) return;
        fired = true;
        seen();
    }
}
