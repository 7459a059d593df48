using System.Diagnostics;

namespace NeuronViewer.Web.Tests.Security;

/// <summary>The built web app run as a person runs it, in a child process: what it prints and its exit code when it must refuse to start.</summary>
public sealed class ProgramProcessTests : IDisposable
{
    private readonly string dataFolder = Path.Combine(Path.GetTempPath(), "nv-web-tests", Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(dataFolder))
            Directory.Delete(dataFolder, recursive: true);
    }

    private async Task<(int ExitCode, string Output, string Errors)> Run(Dictionary<string, string> environment, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "NeuronViewer.Web.dll"));
        foreach (var arg in args)
            start.ArgumentList.Add(arg);
        start.Environment["NeuronViewer__DataFolder"] = dataFolder;
        foreach (var (key, value) in environment)
            start.Environment[key] = value;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("The web app did not refuse to start; it kept running.");
        }
        return (process.ExitCode, await output, await errors);
    }

    [Theory]
    [InlineData("--urls", "http://0.0.0.0:5391", "http://0.0.0.0:5391")]
    [InlineData("--urls", "http://localhost:5391;http://*:5392", "http://*:5392")]
    public async Task Single_user_mode_on_a_public_address_exits_with_one_line_saying_how_to_switch(string option, string value, string named)
    {
        var (exitCode, output, errors) = await Run([], option, value);

        Assert.Equal(1, exitCode);
        Assert.Equal(
            $"NeuronViewer refuses to run: single-user mode (no login) is only for localhost, but it would listen on {named}. " +
            "Set NeuronViewer__Auth__Mode=accounts to require logins, or listen on http://localhost only.",
            errors.Trim());
        Assert.DoesNotContain("Now listening", output);
    }

    [Fact]
    public async Task The_environment_variables_that_pick_ports_or_urls_are_checked_too()
    {
        var ports = await Run(new() { ["ASPNETCORE_HTTP_PORTS"] = "5393" });
        var urls = await Run(new() { ["ASPNETCORE_URLS"] = "http://10.1.2.3:5394" });

        Assert.Equal(1, ports.ExitCode);
        Assert.Contains("it would listen on http://*:5393.", ports.Errors);
        Assert.Equal(1, urls.ExitCode);
        Assert.Contains("it would listen on http://10.1.2.3:5394.", urls.Errors);
    }

    [Fact]
    public async Task A_bad_auth_setting_exits_with_one_line_naming_it()
    {
        var (exitCode, _, errors) = await Run(new() { ["NeuronViewer__Auth__Mode"] = "open" });

        Assert.Equal(1, exitCode);
        Assert.Equal("NeuronViewer:Auth:Mode must be 'single-user' or 'accounts' (was 'open').", errors.Trim());
    }
}
