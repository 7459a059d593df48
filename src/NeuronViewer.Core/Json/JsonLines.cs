using System.Text;

namespace NeuronViewer.Core.Json;

/// <summary>JSON-lines files of records, such as OpenAI's explanation files (<c>{layer}/{neuron}.jsonl</c>, one <c>NeuronSimulationResults</c> per line).</summary>
public static class JsonLines
{
    /// <summary>One record per line, each line ending in <c>\n</c>.</summary>
    public static string Write<T>(IEnumerable<T> records)
        where T : notnull
    {
        ArgumentNullException.ThrowIfNull(records);
        var sb = new StringBuilder();
        foreach (var record in records)
            sb.Append(OpenAiJson.Serialize(record)).Append('\n');
        return sb.ToString();
    }

    /// <summary>Every non-blank line as a <typeparamref name="T"/>; an error names the line number.</summary>
    public static IReadOnlyList<T> Read<T>(string text)
        where T : notnull
    {
        ArgumentNullException.ThrowIfNull(text);
        var result = new List<T>();
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].TrimEnd('\r');
            if (string.IsNullOrWhiteSpace(line))
                continue;
            try
            {
                result.Add(OpenAiJson.Deserialize<T>(line));
            }
            catch (OpenAiFormatException e)
            {
                throw new OpenAiFormatException($"Line {i + 1}: {e.Message}", e);
            }
        }

        return result;
    }

    /// <summary>The one record of a file that must have exactly one non-blank line (the reference's rule for explanation files).</summary>
    public static T ReadSingle<T>(string text)
        where T : notnull
    {
        var records = Read<T>(text);
        return records.Count == 1
            ? records[0]
            : throw new OpenAiFormatException(
                $"Expected exactly one {typeof(T).Name} line but found {records.Count} non-blank lines");
    }
}
