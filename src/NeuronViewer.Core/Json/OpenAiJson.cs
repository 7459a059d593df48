using System.Text;
using System.Text.Json;

namespace NeuronViewer.Core.Json;

/// <summary>Reads and writes the records of OpenAI's public neuron-explainer dataset exactly in its JSON format (spec §2).</summary>
public static class OpenAiJson
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = 256 };

    /// <summary>Compact JSON as orjson writes it: <c>dataclass_name</c> first, snake_case keys, raw non-ASCII, NaN/±Infinity as <c>null</c>.</summary>
    public static string Serialize<T>(T record)
        where T : notnull
    {
        var w = new JsonOut();
        RecordWriter.Write(w, record);
        return w.ToString();
    }

    /// <summary>The same text as <see cref="Serialize{T}"/>, as UTF-8 bytes.</summary>
    public static byte[] SerializeToUtf8Bytes<T>(T record)
        where T : notnull => StrictUtf8.GetBytes(Serialize(record));

    /// <summary>Reads a document that must be a <typeparamref name="T"/> record.</summary>
    public static T Deserialize<T>(string json)
        where T : notnull => Deserialize<T>(Encode(json));

    /// <summary>Reads UTF-8 bytes that must be a <typeparamref name="T"/> record.</summary>
    public static T Deserialize<T>(ReadOnlySpan<byte> utf8)
        where T : notnull
    {
        var schema = RecordSchemas.ForType(typeof(T));
        return (T)Parse(utf8, root => RecordReader.Read(root, "$", schema));
    }

    /// <summary>Reads a document that is any registered record (chosen by <c>dataclass_name</c>, or by an exact field-set match when it is absent).</summary>
    public static object DeserializeAny(string json) => DeserializeAny(Encode(json));

    /// <inheritdoc cref="DeserializeAny(string)"/>
    public static object DeserializeAny(ReadOnlySpan<byte> utf8) => Parse(utf8, root => RecordReader.ReadAny(root, "$"));

    /// <summary>The <c>dataclass_name</c> of every record type this format knows, in the reference's registration order.</summary>
    public static IReadOnlyList<string> RegisteredNames { get; } = RecordSchemas.All.Select(s => s.Name).ToArray();

    private static object Parse(ReadOnlySpan<byte> utf8, Func<JsonElement, object> read)
    {
        if (utf8.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
            utf8 = utf8[3..];
        var text = NonFiniteLiterals.Rewrite(utf8);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(text, DocumentOptions);
        }
        catch (JsonException e)
        {
            throw new OpenAiFormatException(
                $"Malformed JSON at line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1}: {FirstSentence(e.Message)}", (string?)null, e);
        }

        using (document)
            return read(document.RootElement);
    }

    private static byte[] Encode(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            return StrictUtf8.GetBytes(json);
        }
        catch (EncoderFallbackException e)
        {
            throw new OpenAiFormatException($"The JSON text has an unpaired UTF-16 surrogate at index {e.Index}", e);
        }
    }

    private static string FirstSentence(string message)
    {
        var cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        return (cut < 0 ? message : message[..cut]).TrimEnd();
    }
}
