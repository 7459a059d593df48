using System.Runtime.InteropServices;
using System.Text;

namespace NeuronViewer.Storage.Codecs;

/// <summary>Encodes token strings exactly: UTF-8 when every token is valid Unicode, raw UTF-16 otherwise (lone surrogates survive).</summary>
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
        foreach (var token in tokens)
        {
            var bytes = utf8 ? StrictUtf8.GetBytes(token) : MemoryMarshal.AsBytes(token.AsSpan()).ToArray();
            writer.Write7BitEncodedInt(bytes.Length);
            writer.Write(bytes);
        }
    }

    public static string[] Read(BinaryReader reader)
    {
        var count = reader.Read7BitEncodedInt();
        var mode = reader.ReadByte();
        if (mode is not (Utf8 or Utf16))
            throw new InvalidDataException($"Unknown token encoding {mode}: the database was written by a newer NeuronViewer or is damaged.");
        var tokens = new string[count];
        for (var i = 0; i < count; i++)
        {
            var bytes = reader.ReadBytes(reader.Read7BitEncodedInt());
            tokens[i] = mode == Utf8 ? StrictUtf8.GetString(bytes) : new string(MemoryMarshal.Cast<byte, char>(bytes));
        }
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
