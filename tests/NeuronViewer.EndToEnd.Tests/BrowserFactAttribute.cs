namespace NeuronViewer.EndToEnd.Tests;

/// <summary>
/// A test that needs Debian's Chromium: skipped with a clear message when /usr/bin/chromium is missing, unless
/// NEURONVIEWER_REQUIRE_BROWSER=1, in which case it runs (and fails when the browser cannot start).
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class BrowserFactAttribute : FactAttribute
{
    public BrowserFactAttribute()
    {
        if (!File.Exists(Browser.ChromiumPath) && Environment.GetEnvironmentVariable("NEURONVIEWER_REQUIRE_BROWSER") != "1")
            Skip = $"Chromium is not installed at {Browser.ChromiumPath} (apt-get install -y chromium); set NEURONVIEWER_REQUIRE_BROWSER=1 to fail instead of skipping.";
    }
}
