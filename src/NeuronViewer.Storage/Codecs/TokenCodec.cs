using System.Text;

namespace NeuronViewer.Storage.Codecs;

/// <summary>Encodes token strings exactly: UTF-8 when every token is valid Unicode, UTF-16 otherwise (lone surrogates survive).</summary>
internal static class TokenCodec
{
    private const byte Utf8 = 0;
    private const byte Utf16 = 1;
    private static readonly UTF8Encoding StrictUtf8 = new(false, true);

    public static void Write(BinaryWriter writer, IReadOnlyList<string> tokens)
    {
        writer.Write7BitEncodedInt(tokens.Count);
        var utf8 = tokens.All(IsValidUnicode);
        writer.Write(utf8 ? Utf8 : Utf16);
        var encoding = utf8 ? (Encoding)StrictUtf8 : Encoding.Unicode;
        foreach (var token in tokens)
        {
            var bytes = encoding.GetBytes(token);
            writer.Write7BitEncodedInt(bytes.Length);
            writer.Write(bytes);
        }
    }

    public static string[] Read(BinaryReader reader)
    {
        var count = reader.Read7BitEncodedInt();
        var mode = reader.ReadByte();
        var encoding = mode switch
        {
            Utf8 => (Encoding)StrictUtf8,
            Utf16 => Encoding.Unicode,
            _ => throw new InvalidDataException($"Unknown token encoding {mode}: the database was written by a newer NeuronViewer or is damaged."),
        };
        var tokens = new string[count];
        for (var i = 0; i < count; i++)
            tokens[i] = encoding.GetString(reader.ReadBytes(reader.Read7BitEncodedInt()));
        return tokens;
    }

    public static byte[] Encode(IReadOnlyList<string> tokens) => Blob.Write(w => Write(w, tokens));

    public static string[] Decode(byte[] blob) => Blob.Read(blob, Read);

    private static bool IsValidUnicode(string s)
    {
        for (var i = 0; i < s.Length; i++)
        {
            if (char.IsHighSurrogate(s[i]) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1]))
                i++;
            else if (char.IsSurrogate(s[i]))
                return false;
        }
        return true;
    }
}
