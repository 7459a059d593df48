using NeuronViewer.Core.Collection;

namespace NeuronViewer.Core.Tests.Collection;

/// <summary>The streaming parts of collection: top-K heap, reservoir, moments, sketch, PRNG.</summary>
public class StreamingPartsTests
{
    [Theory]
    [InlineData(1, 50, 10)]
    [InlineData(2, 500, 50)]
    [InlineData(3, 2000, 50)]
    [InlineData(4, 30, 50)]
    public void Top_k_equals_a_brute_force_sort_including_ties(ulong seed, int n, int k)
    {
        var rng = new SplitMix64(seed);
        // Values on a coarse grid so that ties are common.
        var values = Enumerable.Range(0, n).Select(_ => (float)Math.Round(rng.NextDouble() * 20) / 4).ToArray();
        var heap = new TopKHeap(k);
        for (int i = 0; i < n; i++) heap.Offer(new KeptExcerpt(i, values[i], []));
        var expected = Enumerable.Range(0, n).OrderByDescending(i => values[i]).ThenBy(i => i).Take(k).ToList();
        Assert.Equal(expected, heap.Descending().Select(e => (int)e.ExcerptIndex).ToList());
    }

    [Fact]
    public void Reservoir_keeps_k_distinct_items_with_equal_inclusion_probability()
    {
        const int n = 200, k = 10, trials = 4000;
        var hits = new int[n];
        for (int t = 0; t < trials; t++)
        {
            var r = new Reservoir(k, SplitMix64.ForStream(99, (ulong)t));
            for (int i = 0; i < n; i++) r.Offer(i, x => new KeptExcerpt(x, 0, []));
            Assert.Equal(k, r.Items.Select(x => x.ExcerptIndex).Distinct().Count());
            foreach (var item in r.Items) hits[item.ExcerptIndex]++;
        }
        // Each item is kept with probability k/n = 0.05: expected 200 of 4000, sd ≈ 13.8. Chi-square over 200 cells.
        double expected = trials * (double)k / n;
        double chi2 = hits.Sum(h => (h - expected) * (h - expected) / expected);
        Assert.True(chi2 < 260, $"chi-square {chi2:F1} with 199 degrees of freedom: inclusion is not uniform");
        Assert.True(hits.Take(n / 2).Sum() / (double)hits.Sum() is > 0.45 and < 0.55, "early and late items are not kept equally often");
    }

    [Fact]
    public void Reservoir_keeps_everything_from_a_short_stream_and_is_deterministic()
    {
        var a = new Reservoir(50, new SplitMix64(5));
        for (int i = 0; i < 30; i++) a.Offer(i, x => new KeptExcerpt(x, 0, []));
        Assert.Equal(Enumerable.Range(0, 30).Select(i => (long)i), a.Items.Select(x => x.ExcerptIndex).Order());
        var b1 = new Reservoir(5, new SplitMix64(5));
        var b2 = new Reservoir(5, new SplitMix64(5));
        for (int i = 0; i < 1000; i++)
        {
            b1.Offer(i, x => new KeptExcerpt(x, 0, []));
            b2.Offer(i, x => new KeptExcerpt(x, 0, []));
        }
        Assert.Equal(b1.Items.Select(x => x.ExcerptIndex), b2.Items.Select(x => x.ExcerptIndex));
    }

    [Fact]
    public void Moments_from_batches_match_a_two_pass_computation_even_with_a_large_offset()
    {
        var rng = new SplitMix64(11);
        var values = Enumerable.Range(0, 10_000).Select(_ => (float)(1e4 + Math.Pow(rng.NextDouble(), 3) * 10)).ToArray();
        var acc = new MomentAccumulator();
        int i = 0;
        foreach (var size in Enumerable.Range(1, 200).Select(s => s % 97 + 1))
        {
            if (i >= values.Length) break;
            int take = Math.Min(size, values.Length - i);
            if (size % 2 == 0) acc.AddBatch(values.AsSpan(i, take));
            else foreach (var v in values.AsSpan(i, take)) acc.Add(v);
            i += take;
        }
        acc.AddBatch(values.AsSpan(i));
        var x = values.Select(v => (double)v).ToArray();
        double mean = x.Average(), m2 = x.Sum(v => Math.Pow(v - mean, 2)), m3 = x.Sum(v => Math.Pow(v - mean, 3)), m4 = x.Sum(v => Math.Pow(v - mean, 4));
        int n = x.Length;
        Assert.Equal(n, acc.Count);
        Assert.Equal(mean, acc.Mean, 1e-9 * mean);
        Assert.Equal(m2 / n, acc.Variance, 1e-9 * (m2 / n));
        Assert.Equal(Math.Sqrt(n) * m3 / Math.Pow(m2, 1.5), acc.Skewness, 1e-6);
        Assert.Equal(n * m4 / (m2 * m2) - 3, acc.Kurtosis, 1e-6);
    }

    [Fact]
    public void Sketch_quantiles_are_within_its_relative_error_of_the_exact_ones()
    {
        var rng = new SplitMix64(3);
        var values = Enumerable.Range(0, 20_000).Select(_ => Math.Exp(4 * rng.NextDouble() - 2) * (rng.NextDouble() < 0.2 ? -0.05 : 1)).ToList();
        var sketch = new LogHistogramSketch();
        foreach (var v in values) sketch.Add(v);
        var sorted = values.Order().ToArray();
        foreach (var rank in new long[] { 1, 100, 5000, 10_000, 18_000, 19_980, 19_998 })
        {
            double exact = sorted[rank], got = sketch.ValueAtRank(rank);
            Assert.True(Math.Abs(got - exact) <= (LogHistogramSketch.Gamma - 1) * Math.Abs(exact) + 1e-12,
                $"rank {rank}: sketch {got} vs exact {exact}");
        }
        Assert.Equal(sorted[0], sketch.ValueAtRank(0));
        Assert.Equal(sorted[^1], sketch.ValueAtRank(values.Count - 1));
    }

    [Fact]
    public void Split_mix_gives_the_same_stream_for_a_seed_and_integers_within_the_bound()
    {
        var a = new SplitMix64(42);
        var b = new SplitMix64(a.State);
        Assert.Equal(Enumerable.Range(0, 5).Select(_ => a.NextUInt64()).ToList(), Enumerable.Range(0, 5).Select(_ => b.NextUInt64()).ToList());
        var counts = new int[7];
        for (int i = 0; i < 7000; i++) counts[new SplitMix64((ulong)i * 7919).NextInt64(7)]++;
        Assert.All(counts, c => Assert.InRange(c, 850, 1150));
        Assert.NotEqual(SplitMix64.ForStream(1, 0).NextUInt64(), SplitMix64.ForStream(1, 1).NextUInt64());
    }
}
