using System.Text.Json;

namespace NeuronViewer.Core.Json;

/// <summary>A JSON object checked against a record schema: discriminator, unknown keys, missing required keys, duplicate keys.</summary>
internal sealed class RecordObject
{
    private readonly Dictionary<string, JsonElement> _members;

    private RecordObject(RecordSchema schema, string path, Dictionary<string, JsonElement> members)
    {
        Schema = schema;
        Path = path;
        _members = members;
    }

    public RecordSchema Schema { get; }

    public string Path { get; }

    /// <summary>Opens an object that must be a <paramref name="expected"/> record.</summary>
    public static RecordObject Open(JsonElement e, string path, RecordSchema expected)
    {
        var members = Members(e, path, expected.Name);
        if (members.Remove(RecordSchemas.DiscriminatorKey, out var nameElement))
        {
            var name = JsonIn.String(nameElement, JsonIn.Member(path, RecordSchemas.DiscriminatorKey));
            if (name != expected.Name)
            {
                throw new OpenAiFormatException(RecordSchemas.ByName(name) is null
                    ? $"Expected a {expected.Name} but the object has an unknown dataclass_name '{name}'"
                    : $"Expected a {expected.Name} but the object is a {name} (dataclass_name '{name}')", path);
            }
        }
        else if (!expected.HasExactFields(members.Keys))
        {
            var other = RecordSchemas.ByExactFields(members.Keys);
            var hint = other is null ? "" : $"; they are the fields of {other.Name}";
            throw new OpenAiFormatException(
                $"Expected a {expected.Name}: the object has no dataclass_name, so its keys must be exactly {Join(expected.Fields)}, " +
                $"but they are {Join(members.Keys)}{hint}", path);
        }

        return Checked(expected, path, members);
    }

    /// <summary>Opens an object that may be any registered record: by <c>dataclass_name</c>, else by an exact field-set match.</summary>
    public static RecordObject OpenAny(JsonElement e, string path)
    {
        var members = Members(e, path, "record");
        RecordSchema? schema;
        if (members.Remove(RecordSchemas.DiscriminatorKey, out var nameElement))
        {
            var name = JsonIn.String(nameElement, JsonIn.Member(path, RecordSchemas.DiscriminatorKey));
            schema = RecordSchemas.ByName(name) ?? throw new OpenAiFormatException(
                $"Unknown dataclass_name '{name}'; known record types are {Join(RecordSchemas.All.Select(s => s.Name))}", path);
        }
        else
        {
            schema = RecordSchemas.ByExactFields(members.Keys) ?? throw new OpenAiFormatException(
                $"The object has no dataclass_name and its keys {Join(members.Keys)} are not exactly the fields of any record type", path);
        }

        return Checked(schema, path, members);
    }

    /// <summary>The value of a key, or null when the key is absent (optional keys only; required keys were checked on opening).</summary>
    public JsonElement? Optional(string key) => _members.TryGetValue(key, out var value) ? value : null;

    public JsonElement Required(string key) => _members[key];

    public string PathOf(string key) => JsonIn.Member(Path, key);

    /// <summary>Reads a key with <paramref name="read"/>, or gives <paramref name="fallback"/> when the key is absent.</summary>
    public T Read<T>(string key, Func<JsonElement, string, T> read, T fallback) =>
        _members.TryGetValue(key, out var value) ? read(value, PathOf(key)) : fallback;

    public T Read<T>(string key, Func<JsonElement, string, T> read) => read(Required(key), PathOf(key));

    private static RecordObject Checked(RecordSchema schema, string path, Dictionary<string, JsonElement> members)
    {
        foreach (var key in members.Keys)
        {
            if (!schema.Fields.Contains(key))
                throw new OpenAiFormatException($"{schema.Name} has an unknown key '{key}'; its keys are {Join(schema.Fields)}", path);
        }

        foreach (var key in schema.Fields)
        {
            if (schema.Required.Contains(key) && !members.ContainsKey(key))
                throw new OpenAiFormatException($"{schema.Name} is missing the required key '{key}'", path);
        }

        return new RecordObject(schema, path, members);
    }

    private static Dictionary<string, JsonElement> Members(JsonElement e, string path, string expected)
    {
        if (e.ValueKind != JsonValueKind.Object)
            throw JsonIn.Expected($"a {expected} object", e, path);
        var members = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var property in e.EnumerateObject())
        {
            if (!members.TryAdd(property.Name, property.Value))
                throw new OpenAiFormatException($"The key '{property.Name}' appears twice in one object", path);
        }

        return members;
    }

    private static string Join(IEnumerable<string> keys) => "{" + string.Join(", ", keys) + "}";
}
