using System.Globalization;
using System.Text.RegularExpressions;

namespace NeuronViewer.Explainers.Offline;

/// <summary>A number written over one or more subject tokens (e.g. " 24", ",", "000"): its token range, digits and value.</summary>
internal sealed record NumberSpan(int Start, int End, string Digits, double Value)
{
    /// <summary>A plausible calendar year: four digits, 1000–2999, no separators.</summary>
    public bool IsYearLike => Digits.Length == 4 && Value is >= 1000 and < 3000;

    public bool Contains(int index) => index >= Start && index < End;
}

/// <summary>Finds numbers in token sequences and reads numbers written in explanations ("one million", "1,000", "ten").</summary>
internal static partial class NumberSpans
{
    private static readonly Dictionary<string, double> Words = new(StringComparer.OrdinalIgnoreCase)
    {
        ["a"] = 1, ["one"] = 1, ["two"] = 2, ["three"] = 3, ["four"] = 4, ["five"] = 5, ["six"] = 6, ["seven"] = 7, ["eight"] = 8,
        ["nine"] = 9, ["ten"] = 10, ["twenty"] = 20, ["fifty"] = 50, ["hundred"] = 100, ["thousand"] = 1e3, ["million"] = 1e6, ["billion"] = 1e9,
    };

    /// <summary>
    /// Maximal runs of digit tokens, joined by "," or "." tokens that sit between two digit tokens; a digit token with leading
    /// whitespace starts a new number.
    /// </summary>
    public static List<NumberSpan> Find(IReadOnlyList<string> tokens)
    {
        var spans = new List<NumberSpan>();
        var i = 0;
        while (i < tokens.Count)
        {
            if (!IsDigits(tokens[i].Trim()))
            {
                i++;
                continue;
            }
            var start = i;
            var text = tokens[i].Trim();
            i++;
            while (i < tokens.Count)
            {
                if (IsDigits(tokens[i]))
                {
                    text += tokens[i];
                    i++;
                }
                else if (tokens[i] is "," or "." && i + 1 < tokens.Count && IsDigits(tokens[i + 1]))
                {
                    text += tokens[i] + tokens[i + 1];
                    i += 2;
                }
                else
                    break;
            }
            var digits = text.Replace(",", "", StringComparison.Ordinal);
            if (double.TryParse(digits, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
                spans.Add(new NumberSpan(start, i, digits, value));
        }
        return spans;
    }

    /// <summary>The value of a number in an explanation: digits with separators, optionally scaled ("2 million"), or number words ("one million").</summary>
    public static double? Parse(string text)
    {
        var m = NumberText().Match(text.Trim());
        if (!m.Success)
            return null;
        double value;
        if (m.Groups["digits"].Success)
            value = double.Parse(m.Groups["digits"].Value.Replace(",", "", StringComparison.Ordinal), CultureInfo.InvariantCulture);
        else
        {
            value = 1;
            foreach (var word in m.Groups["words"].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries))
                value = Words[word] >= 100 ? value * Words[word] : Words[word];
            return value;
        }
        foreach (var scale in m.Groups["scale"].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            value *= Words[scale];
        return value;
    }

    /// <summary>The pattern of a number in an explanation, for use inside other patterns.</summary>
    public const string Pattern =
        @"(?:\d[\d,]*(?:\.\d+)?(?:\s+(?:hundred|thousand|million|billion))*|(?:(?:a|one|two|three|four|five|six|seven|eight|nine|ten|twenty|fifty)\s+)?(?:hundred|thousand|million|billion)(?:\s+(?:thousand|million|billion))*|one|two|three|four|five|six|seven|eight|nine|ten|twenty|fifty)";

    private static bool IsDigits(string s) => s.Length > 0 && s.All(char.IsAsciiDigit);

    [GeneratedRegex(@"^(?:(?<digits>\d[\d,]*(?:\.\d+)?)(?<scale>(?:\s+(?:hundred|thousand|million|billion))*)|(?<words>(?:(?:a|one|two|three|four|five|six|seven|eight|nine|ten|twenty|fifty|hundred|thousand|million|billion)\s*)+))$", RegexOptions.IgnoreCase)]
    private static partial Regex NumberText();
}
