using System.Globalization;
using System.Text;
using NeuronViewer.Core.Records;

namespace NeuronViewer.Core.Prompts;

/// <summary>
/// Minimal normalisation and record formatting for prompts (spec §3). Internal stand-in until Core's own
/// formatting (branch <c>core</c>) lands; the two must then be unified into one place.
/// </summary>
internal static class ActivationText
{
    public const string Unknown = "unknown";
    public const int MaxNormalized = 10;

    public static double CalculateMaxActivation(IEnumerable<ActivationRecord> records) =>
        records.Select(r => r.Activations.Max(a => Math.Max(0, a))).Max();

    public static int Normalize(double value, double maxActivation) =>
        maxActivation <= 0 ? 0 : (int)Math.Min(MaxNormalized, Math.Floor(MaxNormalized * Math.Max(0, value) / maxActivation));

    public static double NonZeroProportion(IReadOnlyList<ActivationRecord> records, double maxActivation)
    {
        var total = records.Sum(r => r.Activations.Count);
        var nonZero = records.Sum(r => r.Activations.Count(a => Normalize(a, maxActivation) != 0));
        return (double)nonZero / total;
    }

    /// <summary><c>format_activation_records</c>: <c>\n&lt;start&gt;\n</c> lines <c>token\tvalue</c> <c>\n&lt;end&gt;\n</c> per record.</summary>
    public static string FormatRecords(
        IReadOnlyList<ActivationRecord> records, double maxActivation, bool omitZeros = false,
        IReadOnlyList<int>? startIndices = null, bool hideActivations = false)
    {
        var bodies = records.Select((r, i) =>
        {
            var lines = new List<string>();
            for (var t = 0; t < r.Tokens.Count; t++)
            {
                var v = Normalize(r.Activations[t], maxActivation);
                if (omitZeros && v == 0)
                    continue;
                var hidden = hideActivations || (startIndices is not null && t < startIndices[i]);
                lines.Add(r.Tokens[t] + "\t" + (hidden ? Unknown : v.ToString(CultureInfo.InvariantCulture)));
            }
            return string.Join("\n", lines);
        });
        return Envelope(bodies);
    }

    /// <summary><c>format_sequences_for_simulation</c>: every line is <c>token\tunknown</c>.</summary>
    public static string FormatSequencesForSimulation(IEnumerable<IReadOnlyList<string>> sequences) =>
        Envelope(sequences.Select(tokens => string.Join("\n", tokens.Select(t => t + "\t" + Unknown))));

    private static string Envelope(IEnumerable<string> bodies) =>
        new StringBuilder("\n<start>\n").Append(string.Join("\n<end>\n<start>\n", bodies)).Append("\n<end>\n").ToString();
}
