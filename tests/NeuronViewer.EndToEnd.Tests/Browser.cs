using Microsoft.Playwright;

namespace NeuronViewer.EndToEnd.Tests;

/// <summary>Playwright driving Debian's Chromium with the flags that work offline here, and where screenshots go.</summary>
public static class Browser
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private static readonly string[] Flags =
    [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
    ];

    /// <summary>Starts Playwright and a headless Chromium.</summary>
    public static async Task<(IPlaywright Playwright, IBrowser Browser)> LaunchAsync()
    {
        if (!File.Exists(ChromiumPath))
            throw new InvalidOperationException($"NEURONVIEWER_REQUIRE_BROWSER=1 but Chromium is not installed at {ChromiumPath} (apt-get install -y chromium).");
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = ChromiumPath, Headless = true, Args = Flags });
        return (playwright, browser);
    }

    /// <summary>The folder for screenshots of a test: artifacts/test-results/screenshots/{name} under the repository (git-ignored).</summary>
    public static string ScreenshotFolder(string name)
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "NeuronViewer.sln")))
            dir = dir.Parent;
        var root = Environment.GetEnvironmentVariable("NEURONVIEWER_ARTIFACTS") ?? Path.Combine(dir?.FullName ?? Path.GetTempPath(), "artifacts");
        var folder = Path.Combine(root, "test-results", "screenshots", name);
        Directory.CreateDirectory(folder);
        return folder;
    }
}
