namespace NeuronViewer.Storage;

/// <summary>The one data folder shared by the web app and the CLI (configuration key <c>NeuronViewer:DataFolder</c>), holding <c>neuronviewer.db</c>.</summary>
public static class DataFolder
{
    /// <summary>The database file name inside the data folder.</summary>
    public const string DatabaseFileName = "neuronviewer.db";

    /// <summary>The per-user default, e.g. <c>~/.local/share/NeuronViewer</c> on Linux.</summary>
    public static string Default =>
        Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.DoNotVerify), "NeuronViewer");

    /// <summary>The configured folder as a full path (a leading <c>~</c> is the home folder), or the per-user default when empty.</summary>
    public static string Resolve(string? configured)
    {
        if (string.IsNullOrWhiteSpace(configured))
            return Path.GetFullPath(Default);
        var path = configured.Trim();
        if (path == "~" || path.StartsWith("~/", StringComparison.Ordinal))
            path = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), path.TrimStart('~').TrimStart('/'));
        return Path.GetFullPath(path);
    }

    /// <summary>Creates the folder if needed and proves it is writable; throws a StorageException naming the folder otherwise.</summary>
    public static string Ensure(string folder)
    {
        try
        {
            Directory.CreateDirectory(folder);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            throw new StorageException(
                $"The data folder '{folder}' cannot be created ({e.Message}). Set NeuronViewer__DataFolder to a folder you can write to.", e);
        }
        var probe = Path.Combine(folder, $".write-test-{Environment.ProcessId}-{Guid.NewGuid():N}");
        try
        {
            File.WriteAllBytes(probe, []);
            File.Delete(probe);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new StorageException(
                $"The data folder '{folder}' is not writable ({e.Message}). Set NeuronViewer__DataFolder to a folder you can write to.", e);
        }
        return folder;
    }
}
