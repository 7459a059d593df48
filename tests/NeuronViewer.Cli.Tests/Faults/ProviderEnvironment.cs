namespace NeuronViewer.Cli.Tests.Faults;

/// <summary>Sets environment variables for one test (the CLI reads <c>NeuronViewer__…</c> settings and the key from there) and restores them.</summary>
public sealed class ProviderEnvironment : IDisposable
{
    private readonly Dictionary<string, string?> previous = [];

    public ProviderEnvironment(params (string Name, string Value)[] variables)
    {
        foreach (var (name, value) in variables)
        {
            previous[name] = Environment.GetEnvironmentVariable(name);
            Environment.SetEnvironmentVariable(name, value);
        }
    }

    public void Dispose()
    {
        foreach (var (name, value) in previous)
            Environment.SetEnvironmentVariable(name, value);
    }
}
