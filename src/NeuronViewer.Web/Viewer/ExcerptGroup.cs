using System.Globalization;
using NeuronViewer.Core.Records;

namespace NeuronViewer.Web.Viewer;

/// <summary>A labelled group of a neuron's excerpts ("Top", a quantile bucket, "Random sample") and how many to show at first.</summary>
public sealed record ExcerptGroup(string Label, string? RangeNote, IReadOnlyList<ActivationRecord> Records, int DefaultCount);

/// <summary>Builds the reference viewer's excerpt groups from a neuron record (spec §13.5).</summary>
public static class ExcerptGroupBuilder
{
    /// <summary>The quantile levels of the public data's five buckets: [0, 0.5], [0.5, 0.9], [0.9, 0.99], [0.99, 0.999], [0.999, 1].</summary>
    public static IReadOnlyList<double> StandardQuantileLevels { get; } = [0, 0.5, 0.9, 0.99, 0.999, 1];

    /// <summary>
    /// "Top", then quantile buckets from high to low, then "Random sample". With the standard five buckets the top bucket
    /// is left out unless <paramref name="includeTopBucket"/> ("Top" stands in for it, as in the reference); other bucket
    /// counts are labelled by number. Ranges come from the record's quantile boundaries when they fit.
    /// </summary>
    public static IReadOnlyList<ExcerptGroup> Build(
        NeuronRecord record, int topCount = 4, int quantileCount = 1, int randomCount = 2, bool includeTopBucket = false)
    {
        ArgumentNullException.ThrowIfNull(record);
        var groups = new List<ExcerptGroup>
        {
            new("Top", "highest excerpt maxima, sorted", record.MostPositiveActivationRecords, topCount),
        };
        if (record.RandomSampleByQuantile is { Count: > 0 } buckets)
        {
            var standard = buckets.Count == StandardQuantileLevels.Count - 1;
            for (var b = buckets.Count - 1; b >= 0; b--)
            {
                if (standard && b == buckets.Count - 1 && !includeTopBucket)
                    continue;
                var label = standard
                    ? $"Quantile range [{Level(b)}, {Level(b + 1)}] sample"
                    : $"Quantile bucket {b + 1} of {buckets.Count} sample";
                groups.Add(new(label, RangeNote(record.QuantileBoundaries, b, buckets.Count), buckets[b], quantileCount));
            }
        }
        groups.Add(new("Random sample", "excerpts drawn uniformly", record.RandomSample, randomCount));
        return groups.Where(g => g.Records.Count > 0).ToArray();
    }

    /// <summary>"excerpt max 0.50 to 1.51" (or "below …" / "above …" for an open end), or null when the boundaries do not fit.</summary>
    public static string? RangeNote(IReadOnlyList<double>? boundaries, int bucket, int bucketCount)
    {
        if (boundaries is null || boundaries.Count != bucketCount + 1)
            return null;
        var (lower, upper) = (boundaries[bucket], boundaries[bucket + 1]);
        return (double.IsFinite(lower), double.IsFinite(upper)) switch
        {
            (true, true) => $"excerpt max {ViewerFormat.Value(lower)} to {ViewerFormat.Value(upper)}",
            (false, true) => $"excerpt max below {ViewerFormat.Value(upper)}",
            (true, false) => $"excerpt max above {ViewerFormat.Value(lower)}",
            _ => null,
        };
    }

    private static string Level(int index) => StandardQuantileLevels[index].ToString("0.###", CultureInfo.InvariantCulture);
}
