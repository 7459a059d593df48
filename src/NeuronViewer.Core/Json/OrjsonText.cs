using System.Globalization;
using System.Text;

namespace NeuronViewer.Core.Json;

/// <summary>Scalars written exactly as orjson writes them: shortest round-trip floats in ryu's layout, minimal string escaping.</summary>
internal static class OrjsonText
{
    private const string HexDigits = "0123456789abcdef";

    /// <summary>Appends a float: NaN and ±Infinity become <c>null</c>; integral values keep <c>.0</c>; exponents as in <c>1e16</c>, <c>1.5e-7</c>.</summary>
    public static void AppendDouble(StringBuilder sb, double value)
    {
        if (!double.IsFinite(value))
        {
            sb.Append("null");
            return;
        }

        if (value < 0 || (value == 0 && double.IsNegative(value)))
            sb.Append('-');
        if (value == 0)
        {
            sb.Append("0.0");
            return;
        }

        // Shortest round-trip digits, as "R" gives them (e.g. "1.2345E-07", "0.0001", "123.5"), then ryu's layout.
        Span<char> text = stackalloc char[40];
        Math.Abs(value).TryFormat(text, out var length, "R", CultureInfo.InvariantCulture);
        text = text[..length];
        var exponentAt = text.IndexOfAny('E', 'e');
        var exponent = exponentAt < 0 ? 0 : int.Parse(text[(exponentAt + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        var mantissa = exponentAt < 0 ? text : text[..exponentAt];
        Span<char> digits = stackalloc char[40];
        var count = 0;
        var point = mantissa.Length;
        foreach (var c in mantissa)
        {
            if (c == '.')
                point = count;
            else
                digits[count++] = c;
        }

        // value = 0.d1d2… × 10^kk once leading zeros are dropped (each moves the point left) and trailing zeros trimmed.
        var significant = digits[..count].TrimStart('0');
        var kk = point + exponent - (count - significant.Length);
        AppendRyuLayout(sb, significant.TrimEnd('0'), kk);
    }

    private static void AppendRyuLayout(StringBuilder sb, ReadOnlySpan<char> digits, int kk)
    {
        var length = digits.Length;
        var k = kk - length;
        if (k >= 0 && kk <= 16)
        {
            sb.Append(digits).Append('0', kk - length).Append(".0");
        }
        else if (kk > 0 && kk <= 16)
        {
            sb.Append(digits[..kk]).Append('.').Append(digits[kk..]);
        }
        else if (kk > -5 && kk <= 0)
        {
            sb.Append("0.").Append('0', -kk).Append(digits);
        }
        else
        {
            sb.Append(digits[0]);
            if (length > 1)
                sb.Append('.').Append(digits[1..]);
            sb.Append('e').Append(kk - 1);
        }
    }

    /// <summary>Appends a quoted string: only <c>"</c>, <c>\</c> and control characters are escaped; everything else is written raw.</summary>
    public static void AppendString(StringBuilder sb, string value)
    {
        sb.Append('"');
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            switch (c)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\b': sb.Append("\\b"); break;
                case '\t': sb.Append("\\t"); break;
                case '\n': sb.Append("\\n"); break;
                case '\f': sb.Append("\\f"); break;
                case '\r': sb.Append("\\r"); break;
                default:
                    if (c < 0x20)
                    {
                        sb.Append("\\u00").Append(HexDigits[c >> 4]).Append(HexDigits[c & 0xF]);
                    }
                    else if (char.IsSurrogate(c))
                    {
                        if (!char.IsHighSurrogate(c) || i + 1 >= value.Length || !char.IsLowSurrogate(value[i + 1]))
                            throw new OpenAiFormatException(
                                $"Cannot write the string \"{Preview(value)}\": it has an unpaired UTF-16 surrogate U+{(int)c:X4} at index {i}, which UTF-8 JSON cannot represent.");
                        sb.Append(c).Append(value[++i]);
                    }
                    else
                    {
                        sb.Append(c);
                    }

                    break;
            }
        }

        sb.Append('"');
    }

    private static string Preview(string value) => value.Length <= 40 ? value.Replace("\\", "\\\\", StringComparison.Ordinal) : value[..40] + "…";
}
