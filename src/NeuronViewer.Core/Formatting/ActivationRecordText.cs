using System.Globalization;
using System.Text;
using NeuronViewer.Core.Records;

namespace NeuronViewer.Core.Formatting;

/// <summary>The prompt text of activation records: <c>token&lt;TAB&gt;value</c> lines inside <c>&lt;start&gt;</c>/<c>&lt;end&gt;</c> envelopes (spec §3).</summary>
public static class ActivationRecordText
{
    /// <summary>The placeholder for a value the model must predict or is not shown.</summary>
    public const string UnknownActivationString = "unknown";

    private const string Open = "\n<start>\n";
    private const string Between = "\n<end>\n<start>\n";
    private const string Close = "\n<end>\n";

    /// <summary>
    /// Records normalised against <paramref name="maxActivation"/>, one <c>token\tvalue</c> line per token. Values are
    /// <see cref="UnknownActivationString"/> when <paramref name="hideActivations"/> is set or before <c>startIndices[i]</c>;
    /// <paramref name="omitZeros"/> drops tokens whose value is 0 (not allowed with hiding or non-zero start indices). Tokens are inserted verbatim.
    /// </summary>
    public static string FormatActivationRecords(
        IReadOnlyList<ActivationRecord> records,
        double maxActivation,
        bool omitZeros = false,
        IReadOnlyList<int>? startIndices = null,
        bool hideActivations = false)
    {
        ArgumentNullException.ThrowIfNull(records);
        if (omitZeros && (hideActivations || (startIndices?.Any(i => i != 0) ?? false)))
            throw new ArgumentException("Zeros cannot be omitted when activations are hidden or start indices are given.", nameof(omitZeros));
        if (startIndices is not null && startIndices.Count != records.Count)
            throw new ArgumentException($"Expected one start index per record: {records.Count} records but {startIndices.Count} start indices.", nameof(startIndices));

        var sb = new StringBuilder(Open);
        for (var r = 0; r < records.Count; r++)
        {
            if (r > 0)
                sb.Append(Between);
            var record = records[r];
            var values = ActivationNormalization.NormalizeActivations(record.Activations, maxActivation);
            var startIndex = startIndices?[r] ?? 0;
            var first = true;
            for (var i = 0; i < values.Length; i++)
            {
                if (omitZeros && values[i] == 0)
                    continue;
                if (!first)
                    sb.Append('\n');
                first = false;
                sb.Append(record.Tokens[i]).Append('\t');
                if (hideActivations || i < startIndex)
                    sb.Append(UnknownActivationString);
                else
                    sb.Append(values[i].ToString(CultureInfo.InvariantCulture));
            }
        }

        return sb.Append(Close).ToString();
    }

    /// <summary>Token sequences in the same envelope with every value <see cref="UnknownActivationString"/>, for the simulator to fill in.</summary>
    public static string FormatSequencesForSimulation(IReadOnlyList<IReadOnlyList<string>> sequences)
    {
        ArgumentNullException.ThrowIfNull(sequences);
        var sb = new StringBuilder(Open);
        for (var s = 0; s < sequences.Count; s++)
        {
            if (s > 0)
                sb.Append(Between);
            for (var i = 0; i < sequences[s].Count; i++)
            {
                if (i > 0)
                    sb.Append('\n');
                sb.Append(sequences[s][i]).Append('\t').Append(UnknownActivationString);
            }
        }

        return sb.Append(Close).ToString();
    }
}
