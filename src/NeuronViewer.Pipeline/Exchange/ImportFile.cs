using System.Text.RegularExpressions;

namespace NeuronViewer.Pipeline.Exchange;

/// <summary>A file to import: its name (a relative path such as <c>12/345.json</c>, or an upload's file name), size and a way to open it.</summary>
public sealed partial record ImportFile(string Name, long Length, Func<Stream> Open)
{
    /// <summary>An uploaded file held in memory.</summary>
    public static ImportFile FromBytes(string name, byte[] content) => new(name, content.Length, () => new MemoryStream(content, writable: false));

    /// <summary>Every <c>.json</c> and <c>.jsonl</c> file under a folder (any depth), named by its path relative to the folder, in path order.</summary>
    public static IReadOnlyList<ImportFile> FromFolder(string folder)
    {
        if (!Directory.Exists(folder))
            throw new ImportException([$"The import folder '{folder}' does not exist."]);
        return Directory.EnumerateFiles(folder, "*.json*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".json", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".jsonl", StringComparison.OrdinalIgnoreCase))
            .Order(StringComparer.Ordinal)
            .Select(f => new ImportFile(Path.GetRelativePath(folder, f).Replace('\\', '/'), new FileInfo(f).Length, () => File.OpenRead(f)))
            .ToList();
    }

    /// <summary>What the file holds, from its name: explanations (<c>.jsonl</c>), related tokens (under <c>related-tokens/…</c>) or a neuron record.</summary>
    public ImportKind Kind =>
        Name.EndsWith(".jsonl", StringComparison.OrdinalIgnoreCase) ? ImportKind.Explanations
        : Name.Contains("related-tokens/activation-based/", StringComparison.OrdinalIgnoreCase) ? ImportKind.TokenLookupTable
        : Name.Contains("related-tokens/weight-based/", StringComparison.OrdinalIgnoreCase) ? ImportKind.WeightBasedTokens
        : ImportKind.NeuronRecord;

    /// <summary>The neuron the OpenAI layout <c>…/{layer}/{neuron}.json[l]</c> names, or null when the name does not follow it.</summary>
    public (int Layer, int Neuron)? NeuronFromPath =>
        LayoutPattern().Match(Name) is { Success: true } m && int.TryParse(m.Groups[1].Value, out var l) && int.TryParse(m.Groups[2].Value, out var n)
            ? (l, n)
            : null;

    [GeneratedRegex(@"(?:^|/)(\d+)/(\d+)\.jsonl?$", RegexOptions.IgnoreCase)]
    private static partial Regex LayoutPattern();
}

/// <summary>What an imported file holds.</summary>
public enum ImportKind
{
    NeuronRecord,
    Explanations,
    TokenLookupTable,
    WeightBasedTokens,
}

/// <summary>An import that was refused: every problem found (one line each); nothing was written.</summary>
public sealed class ImportException(IReadOnlyList<string> problems)
    : Exception(problems.Count == 1 ? problems[0] : $"{problems.Count} problems; nothing was imported. First: {problems[0]}")
{
    public IReadOnlyList<string> Problems { get; } = problems;
}
