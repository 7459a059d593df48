using NeuronViewer.Storage;

namespace NeuronViewer.Cli.Tests;

/// <summary>A temporary data folder the CLI uses (through NeuronViewer__DataFolder) for one test; opens its database for checks between commands.</summary>
public sealed class DataFolderFixture : IDisposable
{
    private readonly string? previous = Environment.GetEnvironmentVariable("NeuronViewer__DataFolder");

    public DataFolderFixture()
    {
        Environment.SetEnvironmentVariable("NeuronViewer__DataFolder", Dir.File("data"));
    }

    public TempFolder Dir { get; } = new();

    public string Data => Dir.File("data");

    /// <summary>Opens the database (the CLI has closed it after each command) for a look.</summary>
    public T Read<T>(Func<NeuronViewerStore, T> read)
    {
        using var store = NeuronViewerStore.Open(Data);
        return read(store);
    }

    public void Dispose()
    {
        Environment.SetEnvironmentVariable("NeuronViewer__DataFolder", previous);
        Dir.Dispose();
    }
}
