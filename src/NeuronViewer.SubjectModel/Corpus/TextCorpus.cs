using System.IO.Compression;
using System.Text;

namespace NeuronViewer.SubjectModel.Corpus;

/// <summary>A corpus problem (empty, unreadable, not UTF-8) with a one-line message naming the file.</summary>
public sealed class CorpusException(string message) : Exception(message);

/// <summary>
/// A text corpus: one UTF-8 file, a folder of files (all files below it, in ordinal path order), or the bundled corpus.
/// Each file holds one or more documents separated by lines that contain only <c>&lt;|endoftext|&gt;</c>.
/// </summary>
public sealed class TextCorpus
{
    /// <summary>The line that separates documents inside a file.</summary>
    public const string DocumentSeparator = "<|endoftext|>";

    private static readonly UTF8Encoding strict = new(false, throwOnInvalidBytes: true);

    private TextCorpus(string name, IReadOnlyList<string> files)
    {
        Name = name;
        Files = files;
    }

    /// <summary>"bundled", or the path given.</summary>
    public string Name { get; }

    public IReadOnlyList<string> Files { get; }

    /// <summary>Opens a file, a folder or "bundled"; throws <see cref="CorpusException"/> when there is nothing to read.</summary>
    public static TextCorpus Open(string path)
    {
        if (string.Equals(path, "bundled", StringComparison.OrdinalIgnoreCase))
            return new TextCorpus("bundled", [BundledAssets.CorpusFile]);
        if (File.Exists(path)) return new TextCorpus(path, [Path.GetFullPath(path)]);
        if (Directory.Exists(path))
        {
            var files = Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories)
                .Where(f => !Path.GetFileName(f).StartsWith('.'))
                .Select(Path.GetFullPath).Order(StringComparer.Ordinal).ToList();
            if (files.Count == 0) throw new CorpusException($"Corpus folder {path} holds no files.");
            return new TextCorpus(path, files);
        }
        throw new CorpusException($"Corpus {path} does not exist (give a UTF-8 text file, a folder of them, or 'bundled').");
    }

    /// <summary>A fingerprint of the files (paths, sizes, modification times), to check a resumed run reads the same corpus.</summary>
    public string Fingerprint() => string.Join("|", Files.Select(f =>
    {
        var info = new FileInfo(f);
        return $"{f}:{info.Length}:{info.LastWriteTimeUtc.Ticks}";
    }));

    /// <summary>The documents in order (empty ones skipped); invalid UTF-8 throws <see cref="CorpusException"/> naming the file.</summary>
    public IEnumerable<string> Documents()
    {
        foreach (var file in Files)
        {
            foreach (var doc in Split(ReadText(file)))
                yield return doc;
        }
    }

    /// <summary>Checks every file is readable UTF-8 and that there is at least one non-empty document.</summary>
    public void Validate()
    {
        if (!Documents().Any()) throw new CorpusException($"Corpus {Name} is empty: it holds no text.");
    }

    private static string ReadText(string file)
    {
        byte[] bytes;
        try
        {
            bytes = file.EndsWith(".gz", StringComparison.Ordinal) ? Gunzip(file) : File.ReadAllBytes(file);
        }
        catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException)
        {
            throw new CorpusException($"Corpus file {file} cannot be read: {e.Message}");
        }
        try
        {
            int start = bytes.AsSpan().StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]) ? 3 : 0;
            return strict.GetString(bytes, start, bytes.Length - start);
        }
        catch (DecoderFallbackException e)
        {
            throw new CorpusException($"Corpus file {file} is not valid UTF-8 (bad byte at offset {e.Index}).");
        }
    }

    private static byte[] Gunzip(string file)
    {
        using var gz = new GZipStream(File.OpenRead(file), CompressionMode.Decompress);
        using var ms = new MemoryStream();
        gz.CopyTo(ms);
        return ms.ToArray();
    }

    internal static IEnumerable<string> Split(string text)
    {
        var doc = new StringBuilder();
        foreach (var line in text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n'))
        {
            if (line.Trim() == DocumentSeparator)
            {
                if (doc.ToString().Trim().Length > 0) yield return doc.ToString().Trim('\n');
                doc.Clear();
            }
            else
            {
                doc.Append(line).Append('\n');
            }
        }
        if (doc.ToString().Trim().Length > 0) yield return doc.ToString().Trim('\n');
    }
}
