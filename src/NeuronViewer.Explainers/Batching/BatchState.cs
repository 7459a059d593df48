using System.Text.Json;

namespace NeuronViewer.Explainers.Batching;

/// <summary>What must survive a restart to resume a batch: its id, input file and the custom ids it carries.</summary>
public sealed record BatchState(string BatchId, string InputFileId, IReadOnlyList<string> CustomIds, DateTimeOffset CreatedAt);

/// <summary>Persists batch state under a job key (the pipeline backs it with LiteDB; <see cref="FileBatchStateStore"/> for CLI and tests).</summary>
public interface IBatchStateStore
{
    Task<BatchState?> LoadAsync(string jobKey, CancellationToken cancellationToken = default);

    Task SaveAsync(string jobKey, BatchState state, CancellationToken cancellationToken = default);

    Task DeleteAsync(string jobKey, CancellationToken cancellationToken = default);
}

/// <summary>One JSON file per job in a folder, written to a temporary file and renamed (never half-written).</summary>
public sealed class FileBatchStateStore(string folder) : IBatchStateStore
{
    public async Task<BatchState?> LoadAsync(string jobKey, CancellationToken cancellationToken = default)
    {
        var path = PathOf(jobKey);
        if (!File.Exists(path))
            return null;
        await using var stream = File.OpenRead(path);
        return await JsonSerializer.DeserializeAsync<BatchState>(stream, cancellationToken: cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidDataException($"Batch state file '{path}' is empty.");
    }

    public async Task SaveAsync(string jobKey, BatchState state, CancellationToken cancellationToken = default)
    {
        Directory.CreateDirectory(folder);
        var path = PathOf(jobKey);
        var temp = path + ".tmp";
        await File.WriteAllTextAsync(temp, JsonSerializer.Serialize(state), cancellationToken).ConfigureAwait(false);
        File.Move(temp, path, overwrite: true);
    }

    public Task DeleteAsync(string jobKey, CancellationToken cancellationToken = default)
    {
        File.Delete(PathOf(jobKey));
        return Task.CompletedTask;
    }

    private string PathOf(string jobKey) =>
        Path.Combine(folder, string.Concat(jobKey.Select(c => char.IsLetterOrDigit(c) || c is '-' or '_' ? c : '_')) + ".batch.json");
}
