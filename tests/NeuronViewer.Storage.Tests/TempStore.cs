namespace NeuronViewer.Storage.Tests;

/// <summary>A real database in a fresh temporary data folder, deleted afterwards.</summary>
public sealed class TempStore : IDisposable
{
    public TempStore()
    {
        Folder = Path.Combine(Path.GetTempPath(), "nv-storage-tests", Guid.NewGuid().ToString("N"));
        Store = NeuronViewerStore.Open(Folder);
    }

    public string Folder { get; }

    public NeuronViewerStore Store { get; private set; }

    /// <summary>Closes and opens the same file again, as after a restart.</summary>
    public NeuronViewerStore Reopen()
    {
        Store.Dispose();
        Store = NeuronViewerStore.Open(Folder);
        return Store;
    }

    public void Dispose()
    {
        Store.Dispose();
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
