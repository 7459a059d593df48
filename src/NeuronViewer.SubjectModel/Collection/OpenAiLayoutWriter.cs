using System.Text.Json;
using NeuronViewer.Core.Collection;
using NeuronViewer.Core.Json;

namespace NeuronViewer.SubjectModel.Collection;

/// <summary>
/// A collection sink writing OpenAI's public-dataset layout: <c>{out}/{layer}/{neuron}.json</c> (NeuronRecord),
/// <c>{out}/token-lookup/{layer}/{neuron}.json</c> (TokenLookupTableSummaryOfNeuron) and <c>{out}/collection-info.json</c>.
/// Files are staged in a sibling folder and moved into place only on completion; an abort leaves nothing behind.
/// </summary>
public sealed class OpenAiLayoutWriter(string outFolder) : ICollectionSink
{
    private string? staging;

    public string OutFolder { get; } = Path.GetFullPath(outFolder);

    public Task BeginAsync(CollectionInfo info, CancellationToken cancellationToken)
    {
        staging = OutFolder.TrimEnd(Path.DirectorySeparatorChar) + ".partial-" + Guid.NewGuid().ToString("N")[..8];
        Directory.CreateDirectory(staging);
        var json = JsonSerializer.Serialize(new
        {
            subject_model = info.SubjectModel,
            corpus = info.Corpus,
            layers = info.Layers,
            neurons_per_layer = info.NeuronsPerLayer,
            excerpts = info.Excerpts,
            tokens = info.Tokens,
            excerpt_tokens = info.Settings.ExcerptTokens,
            top = info.Settings.TopCount,
            random = info.Settings.RandomCount,
            per_quantile = info.Settings.QuantileSampleCount,
            quantiles = info.Settings.Quantiles,
            seed = info.Settings.Seed,
            kurtosis = "excess (normal = 0)",
        }, new JsonSerializerOptions { WriteIndented = true });
        return File.WriteAllTextAsync(Path.Combine(staging, "collection-info.json"), json, cancellationToken);
    }

    public async Task WriteAsync(CollectedNeuron neuron, CancellationToken cancellationToken)
    {
        var root = staging ?? throw new InvalidOperationException("BeginAsync was not called.");
        var id = neuron.Record.NeuronId;
        await Write(Path.Combine(root, $"{id.LayerIndex}", $"{id.NeuronIndex}.json"), OpenAiJson.SerializeToUtf8Bytes(neuron.Record), cancellationToken);
        await Write(Path.Combine(root, "token-lookup", $"{id.LayerIndex}", $"{id.NeuronIndex}.json"), OpenAiJson.SerializeToUtf8Bytes(neuron.TokenLookupTable), cancellationToken);
    }

    public Task CompleteAsync(CancellationToken cancellationToken)
    {
        var root = staging ?? throw new InvalidOperationException("BeginAsync was not called.");
        foreach (var file in Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories).ToList())
        {
            var target = Path.Combine(OutFolder, Path.GetRelativePath(root, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Move(file, target, overwrite: true);
        }
        Directory.Delete(root, recursive: true);
        staging = null;
        return Task.CompletedTask;
    }

    public Task AbortAsync()
    {
        if (staging is not null && Directory.Exists(staging)) Directory.Delete(staging, recursive: true);
        staging = null;
        return Task.CompletedTask;
    }

    private static async Task Write(string path, byte[] bytes, CancellationToken ct)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await File.WriteAllBytesAsync(path, bytes, ct);
    }
}
