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

        var (digits, pointPosition) = ShortestDigits(Math.Abs(value));
        AppendRyuLayout(sb, digits, pointPosition);
    }

    /// <summary>The shortest round-trip decimal digits of a positive finite value, and where the decimal point goes (value = 0.d1d2… × 10^point).</summary>
    private static (string Digits, int PointPosition) ShortestDigits(double positive)
    {
        var text = positive.ToString("R", CultureInfo.InvariantCulture);
        var exponentAt = text.IndexOfAny(['E', 'e']);
        var exponent = exponentAt < 0 ? 0 : int.Parse(text.AsSpan(exponentAt + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        var mantissa = exponentAt < 0 ? text : text[..exponentAt];
        var dot = mantissa.IndexOf('.', StringComparison.Ordinal);
        var digits = dot < 0 ? mantissa : mantissa.Remove(dot, 1);
        var point = (dot < 0 ? mantissa.Length : dot) + exponent;
        var leadingZeros = digits.Length - digits.TrimStart('0').Length;
        digits = digits.Trim('0');
        return (digits, point - leadingZeros);
    }

    private static void AppendRyuLayout(StringBuilder sb, string digits, int kk)
    {
        var length = digits.Length;
        var k = kk - length;
        if (k >= 0 && kk <= 16)
        {
            sb.Append(digits).Append('0', kk - length).Append(".0");
        }
        else if (kk > 0 && kk <= 16)
        {
            sb.Append(digits, 0, kk).Append('.').Append(digits, kk, length - kk);
        }
        else if (kk > -5 && kk <= 0)
        {
            sb.Append("0.").Append('0', -kk).Append(digits);
        }
        else
        {
            sb.Append(digits[0]);
            if (length > 1)
                sb.Append('.').Append(digits, 1, length - 1);
            sb.Append('e').Append((kk - 1).ToString(CultureInfo.InvariantCulture));
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
