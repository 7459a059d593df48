using System.Text;

namespace NeuronViewer.SubjectModel.Corpus;

/// <summary>
/// Turns a Brown corpus file (form C: <c>word/tag</c> tokens, one sentence per line, a leading tab starting a paragraph)
/// into plain prose: tags dropped, no space before closing punctuation, <c>``</c> and <c>''</c> as straight double quotes,
/// sentences of a paragraph joined by a space, paragraphs separated by a blank line.
/// </summary>
public static class BrownDetokenizer
{
    private static readonly HashSet<string> NoSpaceBefore = [",", ".", ";", ":", "?", "!", ")", "]", "}", "''", "'", "%"];
    private static readonly HashSet<string> NoSpaceAfter = ["(", "[", "{", "``", "`", "$"];

    /// <summary>Converts one tagged file's text to a document.</summary>
    public static string Convert(string tagged)
    {
        var paragraphs = new List<StringBuilder>();
        StringBuilder? current = null;
        foreach (var raw in tagged.Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            if (line.Trim().Length == 0) continue;
            var words = Words(line).ToList();
            if (words.Count == 0) continue;
            var sentence = Join(words.Select(w => w.Word).ToList());
            bool headline = words.All(w => w.Tag.EndsWith("-hl", StringComparison.Ordinal));
            if (current is null || line.StartsWith('\t') || headline)
            {
                current = new StringBuilder(sentence);
                paragraphs.Add(current);
                if (headline) current = null;
            }
            else
            {
                current.Append(' ').Append(sentence);
            }
        }
        return string.Join("\n\n", paragraphs.Select(p => p.ToString()));
    }

    private static IEnumerable<(string Word, string Tag)> Words(string line)
    {
        foreach (var token in line.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries))
        {
            int slash = token.LastIndexOf('/');
            if (slash <= 0) continue;
            yield return (token[..slash], token[(slash + 1)..]);
        }
    }

    /// <summary>Joins word tokens into text with English spacing and straight quotes.</summary>
    internal static string Join(IReadOnlyList<string> words)
    {
        var sb = new StringBuilder();
        bool glueNext = true;
        bool inSingle = false;
        foreach (var w in words)
        {
            // Brown writes single quotes as ' tokens in pairs (sometimes ` to open): the first opens, the next closes.
            bool opening = w == "`" || (w == "'" && !inSingle);
            bool closing = w == "'" && inSingle;
            bool noSpace = glueNext || closing || (w != "'" && NoSpaceBefore.Contains(w));
            if (!noSpace) sb.Append(' ');
            sb.Append(w switch { "``" or "''" => "\"", "`" => "'", _ => w });
            if (opening) inSingle = true;
            else if (closing) inSingle = false;
            glueNext = opening || NoSpaceAfter.Contains(w);
        }
        return sb.ToString();
    }
}
