namespace NeuronViewer.Core.Json;

/// <summary>Accepts Python's non-standard <c>NaN</c>, <c>Infinity</c> and <c>-Infinity</c> literals by rewriting them (outside strings) to <c>null</c>, <c>1e999</c> and <c>-1e999</c>, which read back as NaN and ±Infinity.</summary>
internal static class NonFiniteLiterals
{
    private static ReadOnlySpan<byte> NaN => "NaN"u8;

    private static ReadOnlySpan<byte> Infinity => "Infinity"u8;

    /// <summary>A copy of the document with those literals rewritten (an exact copy when it has none, the usual case).</summary>
    public static byte[] Rewrite(ReadOnlySpan<byte> span)
    {
        List<byte>? copy = null;
        var copiedUpTo = 0;
        var inString = false;
        for (var i = 0; i < span.Length; i++)
        {
            var b = span[i];
            if (inString)
            {
                if (b == (byte)'\\')
                    i++;
                else if (b == (byte)'"')
                    inString = false;
                continue;
            }

            if (b == (byte)'"')
            {
                inString = true;
                continue;
            }

            ReadOnlySpan<byte> replacement;
            int length;
            if (b == (byte)'N' && span[i..].StartsWith(NaN))
            {
                replacement = "null"u8;
                length = NaN.Length;
            }
            else if (b == (byte)'I' && span[i..].StartsWith(Infinity))
            {
                replacement = "1e999"u8;
                length = Infinity.Length;
            }
            else
            {
                continue;
            }

            copy ??= new List<byte>(span.Length + 16);
            copy.AddRange(span[copiedUpTo..i]);
            copy.AddRange(replacement);
            i += length - 1;
            copiedUpTo = i + 1;
        }

        if (copy is null)
            return span.ToArray();
        copy.AddRange(span[copiedUpTo..]);
        return copy.ToArray();
    }
}
