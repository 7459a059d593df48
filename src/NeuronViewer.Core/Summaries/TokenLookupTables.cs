using NeuronViewer.Core.Records;

namespace NeuronViewer.Core.Summaries;

/// <summary>
/// A token look-up table (spec §6.3: tokens sorted by the neuron's mean activation given the token) computed from activation
/// records, for when no corpus-wide table was collected: every occurrence of a token string counts once.
/// </summary>
public static class TokenLookupTables
{
    /// <summary>The reference shows 50 tokens.</summary>
    public const int DefaultSize = 50;

    /// <summary>
    /// Mean raw activation of each distinct token string (exact, leading spaces kept) over all positions of <paramref name="records"/>
    /// where it occurs at least <paramref name="minCount"/> times; highest mean first, ties by ordinal token order; at most
    /// <paramref name="size"/> tokens. NaN activations are left out of the means.
    /// </summary>
    public static TokenLookupTableSummaryOfNeuron FromRecords(IReadOnlyList<ActivationRecord> records, int size = DefaultSize, int minCount = 1)
    {
        ArgumentNullException.ThrowIfNull(records);
        ArgumentOutOfRangeException.ThrowIfNegative(size);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(minCount);
        var sums = new Dictionary<string, (double Sum, int Count)>(StringComparer.Ordinal);
        foreach (var record in records)
        {
            for (var i = 0; i < record.Tokens.Count; i++)
            {
                var a = record.Activations[i];
                if (double.IsNaN(a))
                    continue;
                var (sum, count) = sums.GetValueOrDefault(record.Tokens[i]);
                sums[record.Tokens[i]] = (sum + a, count + 1);
            }
        }

        var best = sums.Where(kv => kv.Value.Count >= minCount)
            .Select(kv => (Token: kv.Key, Mean: kv.Value.Sum / kv.Value.Count))
            .OrderByDescending(x => x.Mean).ThenBy(x => x.Token, StringComparer.Ordinal)
            .Take(size)
            .ToList();
        return new TokenLookupTableSummaryOfNeuron([.. best.Select(b => b.Token)], [.. best.Select(b => b.Mean)]);
    }
}
