using System.Globalization;
using System.Text;

namespace NeuronViewer.Core.Json;

/// <summary>A compact JSON writer in orjson's layout (no spaces), for the record writer.</summary>
internal sealed class JsonOut
{
    private readonly StringBuilder _sb = new();

    public override string ToString() => _sb.ToString();

    /// <summary>Opens a record object with its <c>dataclass_name</c> as the first key.</summary>
    public JsonOut BeginRecord(string dataclassName)
    {
        _sb.Append("{\"").Append(RecordSchemas.DiscriminatorKey).Append("\":");
        OrjsonText.AppendString(_sb, dataclassName);
        return this;
    }

    public JsonOut EndRecord()
    {
        _sb.Append('}');
        return this;
    }

    /// <summary>Writes <c>,"key":</c>; every record key follows <c>dataclass_name</c>, so a comma always precedes it.</summary>
    public JsonOut Key(string key)
    {
        _sb.Append(",\"").Append(key).Append("\":");
        return this;
    }

    public JsonOut Null()
    {
        _sb.Append("null");
        return this;
    }

    public JsonOut Number(double value)
    {
        OrjsonText.AppendDouble(_sb, value);
        return this;
    }

    public JsonOut Number(double? value) => value is { } v ? Number(v) : Null();

    public JsonOut Integer(int value)
    {
        _sb.Append(value.ToString(CultureInfo.InvariantCulture));
        return this;
    }

    public JsonOut String(string value)
    {
        OrjsonText.AppendString(_sb, value);
        return this;
    }

    public JsonOut Array<T>(IReadOnlyList<T> items, Action<JsonOut, T> writeItem)
    {
        _sb.Append('[');
        for (var i = 0; i < items.Count; i++)
        {
            if (i > 0)
                _sb.Append(',');
            writeItem(this, items[i]);
        }

        _sb.Append(']');
        return this;
    }

    public JsonOut Numbers(IReadOnlyList<double> values) => Array(values, static (w, v) => w.Number(v));

    public JsonOut Strings(IReadOnlyList<string> values) => Array(values, static (w, v) => w.String(v));
}
