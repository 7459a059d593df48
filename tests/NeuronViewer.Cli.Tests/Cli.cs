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
