using NeuronViewer.Core.Scoring;

namespace NeuronViewer.Core.Agreement;

/// <summary>Rank correlations between two paired lists (e.g. simulation scores and human ratings): Spearman ρ and Kendall τ-b, both tie-corrected.</summary>
public static class RankCorrelation
{
    /// <summary>1-based ranks, tied values sharing the average of the ranks they span (e.g. [10, 20, 20] → [1, 2.5, 2.5]).</summary>
    public static double[] AverageRanks(IReadOnlyList<double> values)
    {
        CheckNoNaN(values, nameof(values));
        var order = Enumerable.Range(0, values.Count).OrderBy(i => values[i]).ToArray();
        var ranks = new double[values.Count];
        for (var start = 0; start < order.Length;)
        {
            var end = start;
            while (end + 1 < order.Length && values[order[end + 1]] == values[order[start]])
                end++;
            var average = ((start + end) / 2.0) + 1;
            for (var k = start; k <= end; k++)
                ranks[order[k]] = average;
            start = end + 1;
        }

        return ranks;
    }

    /// <summary>Spearman ρ: Pearson r of the average ranks; NaN when either side is constant or has fewer than 2 items.</summary>
    public static double Spearman(IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        CheckPaired(x, y);
        return x.Count < 2 ? double.NaN : ScoreFunctions.EvCorrelation(AverageRanks(x), AverageRanks(y));
    }

    /// <summary>
    /// Kendall τ-b = (C − D) / √((n₀ − n₁)(n₀ − n₂)), with n₀ = n(n−1)/2 and n₁, n₂ the pairs tied in x and in y; NaN when either
    /// side is constant. Computed in O(n log n) by Knight's method (sort by x then y, count inversions of y by merge sort).
    /// </summary>
    public static double KendallTauB(IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        CheckPaired(x, y);
        var n = x.Count;
        if (n < 2)
            return double.NaN;
        var order = Enumerable.Range(0, n).OrderBy(i => x[i]).ThenBy(i => y[i]).ToArray();
        long tiedX = TiedPairs(order, i => x[i], null);
        long tiedXY = TiedPairs(order, i => x[i], i => y[i]);
        var ys = order.Select(i => y[i]).ToArray();
        var discordant = SortCountingInversions(ys, new double[n], 0, n);
        long tiedY = TiedPairs(Enumerable.Range(0, n).ToArray(), i => ys[i], null);
        long total = (long)n * (n - 1) / 2;
        var numerator = (double)(total - tiedX - tiedY + tiedXY - (2 * discordant));
        var denominator = Math.Sqrt((double)(total - tiedX) * (total - tiedY));
        return denominator == 0 ? double.NaN : Math.Clamp(numerator / denominator, -1.0, 1.0);
    }

    /// <summary>Pairs within runs of equal keys of an already sorted order (equal on both keys when <paramref name="second"/> is given).</summary>
    private static long TiedPairs(int[] sorted, Func<int, double> first, Func<int, double>? second)
    {
        long pairs = 0;
        long run = 1;
        for (var k = 1; k <= sorted.Length; k++)
        {
            var same = k < sorted.Length && first(sorted[k]) == first(sorted[k - 1])
                && (second is null || second(sorted[k]) == second(sorted[k - 1]));
            if (same)
            {
                run++;
                continue;
            }

            pairs += run * (run - 1) / 2;
            run = 1;
        }

        return pairs;
    }

    /// <summary>Merge-sorts <paramref name="a"/>[lo, hi) ascending, returning the number of strictly inverted pairs.</summary>
    private static long SortCountingInversions(double[] a, double[] buffer, int lo, int hi)
    {
        if (hi - lo < 2)
            return 0;
        var mid = lo + ((hi - lo) / 2);
        var count = SortCountingInversions(a, buffer, lo, mid) + SortCountingInversions(a, buffer, mid, hi);
        int i = lo, j = mid, k = lo;
        while (i < mid && j < hi)
        {
            if (a[j] < a[i])
            {
                count += mid - i;
                buffer[k++] = a[j++];
            }
            else
            {
                buffer[k++] = a[i++];
            }
        }

        while (i < mid)
            buffer[k++] = a[i++];
        while (j < hi)
            buffer[k++] = a[j++];
        Array.Copy(buffer, lo, a, lo, hi - lo);
        return count;
    }

    internal static void CheckPaired(IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        CheckNoNaN(x, nameof(x));
        CheckNoNaN(y, nameof(y));
        if (x.Count != y.Count)
            throw new ArgumentException($"Rank statistics need paired lists: {x.Count} values on one side but {y.Count} on the other.");
    }

    private static void CheckNoNaN(IReadOnlyList<double> values, string name)
    {
        ArgumentNullException.ThrowIfNull(values, name);
        for (var i = 0; i < values.Count; i++)
        {
            if (double.IsNaN(values[i]))
                throw new ArgumentException($"Cannot rank NaN (item {i}); leave out items without a value first.", name);
        }
    }
}
