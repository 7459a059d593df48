using System.Globalization;
using System.Text.Json;

namespace NeuronViewer.Core.Json;

/// <summary>Path-aware readers of JSON values that fail with an <see cref="OpenAiFormatException"/> naming what was expected and where.</summary>
internal static class JsonIn
{
    public static string Item(string path, int index) => $"{path}[{index}]";

    public static string Member(string path, string key) => $"{path}.{key}";

    /// <summary>A float; <c>null</c> (and the <c>NaN</c> literal) read as NaN, <c>Infinity</c> literals as ±Infinity.</summary>
    public static double Double(JsonElement e, string path)
    {
        if (e.ValueKind == JsonValueKind.Null)
            return double.NaN;
        if (e.ValueKind != JsonValueKind.Number)
            throw Expected("a number", e, path);
        if (e.TryGetDouble(out var value))
            return value;
        // Out of double range (e.g. 1e999, which is how an Infinity literal arrives): IEEE overflow gives ±Infinity.
        return double.Parse(e.GetRawText(), NumberStyles.Float, CultureInfo.InvariantCulture);
    }

    public static double? NullableDouble(JsonElement e, string path) =>
        e.ValueKind == JsonValueKind.Null ? null : Double(e, path);

    public static int Integer(JsonElement e, string path)
    {
        if (e.ValueKind != JsonValueKind.Number)
            throw Expected("an integer", e, path);
        if (!e.TryGetInt32(out var value))
            throw new OpenAiFormatException($"Expected an integer but found {e.GetRawText()}", path);
        return value;
    }

    public static string String(JsonElement e, string path) =>
        e.ValueKind == JsonValueKind.String ? e.GetString()! : throw Expected("a string", e, path);

    public static IReadOnlyList<T> List<T>(JsonElement e, string path, Func<JsonElement, string, T> readItem)
    {
        if (e.ValueKind != JsonValueKind.Array)
            throw Expected("a list", e, path);
        var result = new T[e.GetArrayLength()];
        var i = 0;
        foreach (var item in e.EnumerateArray())
        {
            result[i] = readItem(item, Item(path, i));
            i++;
        }

        return result;
    }

    public static IReadOnlyList<T>? NullableList<T>(JsonElement e, string path, Func<JsonElement, string, T> readItem) =>
        e.ValueKind == JsonValueKind.Null ? null : List(e, path, readItem);

    /// <summary>A list of floats; item paths are only built for an error (these lists hold most of a document's values).</summary>
    public static IReadOnlyList<double> Doubles(JsonElement e, string path)
    {
        if (e.ValueKind != JsonValueKind.Array)
            throw Expected("a list", e, path);
        var result = new double[e.GetArrayLength()];
        var i = 0;
        foreach (var item in e.EnumerateArray())
        {
            result[i] = item.ValueKind == JsonValueKind.Number && item.TryGetDouble(out var v) ? v : Double(item, Item(path, i));
            i++;
        }

        return result;
    }

    /// <summary>A list of strings; item paths are only built for an error.</summary>
    public static IReadOnlyList<string> Strings(JsonElement e, string path)
    {
        if (e.ValueKind != JsonValueKind.Array)
            throw Expected("a list", e, path);
        var result = new string[e.GetArrayLength()];
        var i = 0;
        foreach (var item in e.EnumerateArray())
        {
            result[i] = item.ValueKind == JsonValueKind.String ? item.GetString()! : String(item, Item(path, i));
            i++;
        }

        return result;
    }

    public static OpenAiFormatException Expected(string what, JsonElement found, string path) =>
        new($"Expected {what} but found {Describe(found)}", path);

    public static string Describe(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "a list",
        JsonValueKind.String => $"the string {Truncate(e.GetRawText())}",
        JsonValueKind.Number => $"the number {e.GetRawText()}",
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        JsonValueKind.Null => "null",
        _ => "nothing",
    };

    private static string Truncate(string s) => s.Length <= 60 ? s : s[..60] + "…";
}
