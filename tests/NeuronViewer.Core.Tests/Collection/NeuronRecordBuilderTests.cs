using NeuronViewer.Core.Collection;

namespace NeuronViewer.Core.Tests.Collection;

/// <summary>Whole-layer collection over synthetic activations, checked against brute-force computations.</summary>
public class NeuronRecordBuilderTests
{
    private const int Excerpts = 3000, Neurons = 6, Tokens = 16;
    private static readonly CollectionSettings Settings = new() { Seed = 17, MinTokenCount = 1 };

    private static readonly Lazy<NeuronRecordBuilder> Collected = new(() => Synthetic.Collect(Excerpts, Neurons, Settings, tokens: Tokens));

    private static float[] Acts(long e, int n) => Enumerable.Range(0, Tokens).Select(t => Synthetic.Value(e, n, t)).ToArray();

    [Fact]
    public void Top_records_are_exactly_the_fifty_excerpts_with_the_highest_max()
    {
        for (int n = 0; n < Neurons; n++)
        {
            var record = Collected.Value.BuildRecord(n, Synthetic.TokensFor(Tokens));
            var expected = Enumerable.Range(0, Excerpts).OrderByDescending(e => Acts(e, n).Max()).ThenBy(e => e).Take(50)
                .Select(e => $"#{e}").ToList();
            Assert.Equal(expected, record.MostPositiveActivationRecords.Select(r => r.Tokens[0]).ToList());
            var first = record.MostPositiveActivationRecords[0];
            long index = long.Parse(first.Tokens[0][1..], System.Globalization.CultureInfo.InvariantCulture);
            Assert.Equal(Acts(index, n).Select(a => (double)a), first.Activations);
        }
    }

    [Fact]
    public void Every_quantile_record_lies_inside_its_bucket_and_boundaries_sit_near_the_true_percentiles()
    {
        for (int n = 0; n < Neurons; n++)
        {
            var record = Collected.Value.BuildRecord(n, Synthetic.TokensFor(Tokens));
            var b = record.QuantileBoundaries!;
            Assert.Equal(6, b.Count);
            Assert.Equal(double.NegativeInfinity, b[0]);
            Assert.Equal(double.PositiveInfinity, b[5]);
            Assert.Equal(5, record.RandomSampleByQuantile!.Count);
            for (int bucket = 0; bucket < 5; bucket++)
                foreach (var r in record.RandomSampleByQuantile[bucket])
                    Assert.True(r.MaxActivation >= b[bucket] && r.MaxActivation < b[bucket + 1],
                        $"neuron {n} bucket {bucket}: max {r.MaxActivation} outside [{b[bucket]}, {b[bucket + 1]})");
            var maxima = Enumerable.Range(0, Excerpts).Select(e => (double)Acts(e, n).Max()).ToList();
            var qs = new[] { 0.5, 0.9, 0.99, 0.999 };
            for (int i = 0; i < 4; i++)
            {
                double exact = Synthetic.Percentile(maxima, qs[i]);
                Assert.True(Math.Abs(b[i + 1] - exact) <= 0.02 * Math.Abs(exact) + 1e-6, $"q{qs[i]}: {b[i + 1]} vs exact {exact}");
            }
            // 0.1% of 3000 is 3 excerpts: exact from the top records, and those 3 land in the top bucket.
            Assert.Equal(Synthetic.Percentile(maxima, 0.999), b[4], 1e-6);
            Assert.Equal(maxima.Count(m => m >= b[4]), record.RandomSampleByQuantile[4].Count);
            Assert.Equal(20, record.RandomSampleByQuantile[0].Count);
        }
    }

    [Fact]
    public void Moments_over_all_tokens_match_a_two_pass_computation()
    {
        for (int n = 0; n < Neurons; n++)
        {
            var record = Collected.Value.BuildRecord(n, Synthetic.TokensFor(Tokens));
            var x = Enumerable.Range(0, Excerpts).SelectMany(e => Acts(e, n)).Select(v => (double)v).ToArray();
            double mean = x.Average(), m2 = x.Sum(v => (v - mean) * (v - mean)), m3 = x.Sum(v => Math.Pow(v - mean, 3)), m4 = x.Sum(v => Math.Pow(v - mean, 4));
            Assert.Equal(mean, record.Mean, 1e-9);
            Assert.Equal(m2 / x.Length, record.Variance, 1e-9);
            Assert.Equal(Math.Sqrt(x.Length) * m3 / Math.Pow(m2, 1.5), record.Skewness, 1e-6);
            Assert.Equal(x.Length * m4 / (m2 * m2) - 3, record.Kurtosis, 1e-6);
        }
    }

    [Fact]
    public void The_random_sample_has_fifty_distinct_excerpts_chosen_independently_per_neuron()
    {
        var samples = Enumerable.Range(0, Neurons).Select(n => Collected.Value.BuildRecord(n, Synthetic.TokensFor(Tokens)).RandomSample.Select(r => r.Tokens[0]).ToList()).ToList();
        Assert.All(samples, s => Assert.Equal(50, s.Distinct().Count()));
        Assert.True(samples[0].Intersect(samples[1]).Count() < 10, "two neurons share most of their random sample");
    }

    [Fact]
    public void The_token_lookup_table_holds_the_highest_mean_activations_by_token()
    {
        var sums = new double[Synthetic.Vocab];
        var counts = new long[Synthetic.Vocab];
        for (int e = 0; e < Excerpts; e++)
            for (int t = 0; t < Tokens; t++)
            {
                sums[Synthetic.Token(e, t)] += Synthetic.Value(e, 2, t);
                counts[Synthetic.Token(e, t)]++;
            }
        var expected = Enumerable.Range(0, Synthetic.Vocab).Select(t => (Token: t, Mean: sums[t] / counts[t]))
            .OrderByDescending(x => x.Mean).Take(50).ToList();
        var table = Collected.Value.BuildTokenLookup(2, t => $"tok{t}");
        Assert.Equal(expected.Select(x => $"tok{x.Token}"), table.Tokens);
        for (int i = 0; i < expected.Count; i++) Assert.Equal(expected[i].Mean, table.AverageActivations[i], 1e-4);
    }

    [Fact]
    public void The_same_seed_gives_the_same_records_and_another_seed_another_random_sample()
    {
        var a = Synthetic.Collect(400, 2, Settings, tokens: 8).BuildRecord(1, Synthetic.TokensFor(8));
        var b = Synthetic.Collect(400, 2, Settings, tokens: 8).BuildRecord(1, Synthetic.TokensFor(8));
        var c = Synthetic.Collect(400, 2, Settings with { Seed = 18 }, tokens: 8).BuildRecord(1, Synthetic.TokensFor(8));
        Assert.Equal(a.RandomSample.Select(r => r.Tokens[0]), b.RandomSample.Select(r => r.Tokens[0]));
        Assert.Equal(a.RandomSampleByQuantile![0].Select(r => r.Tokens[0]), b.RandomSampleByQuantile![0].Select(r => r.Tokens[0]));
        Assert.NotEqual(a.RandomSample.Select(r => r.Tokens[0]), c.RandomSample.Select(r => r.Tokens[0]));
    }

    [Fact]
    public void A_builder_saved_and_restored_mid_pass_finishes_exactly_like_an_uninterrupted_one()
    {
        const int n = 700, neurons = 3, tokens = 8, batch = 16;
        var plain = Synthetic.Collect(n, neurons, Settings, batch, tokens);
        var b = new NeuronRecordBuilder(3, neurons, Settings, Enumerable.Range(0, Synthetic.Vocab).ToList());
        for (int pass = 1; pass <= 2; pass++)
        {
            for (int first = 0; first < n; first += batch)
            {
                var data = Synthetic.Batch(first, Math.Min(batch, n - first), tokens, neurons);
                if (pass == 1) b.ObserveFirstPass(data); else b.ObserveSecondPass(data);
                if (first == 320)
                {
                    using var ms = new MemoryStream();
                    using (var w = new BinaryWriter(ms, System.Text.Encoding.UTF8, leaveOpen: true)) b.Write(w);
                    ms.Position = 0;
                    b = NeuronRecordBuilder.Read(new BinaryReader(ms), Settings);
                }
            }
            if (pass == 1) b.BeginSecondPass();
        }
        for (int k = 0; k < neurons; k++)
        {
            var x = plain.BuildRecord(k, Synthetic.TokensFor(tokens));
            var y = b.BuildRecord(k, Synthetic.TokensFor(tokens));
            Assert.Equal(x.QuantileBoundaries, y.QuantileBoundaries);
            Assert.Equal(x.RandomSample.Select(r => r.Tokens[0]), y.RandomSample.Select(r => r.Tokens[0]));
            Assert.Equal(x.MostPositiveActivationRecords.Select(r => r.Tokens[0]), y.MostPositiveActivationRecords.Select(r => r.Tokens[0]));
            Assert.Equal(x.RandomSampleByQuantile!.SelectMany(q => q).Select(r => r.Tokens[0]), y.RandomSampleByQuantile!.SelectMany(q => q).Select(r => r.Tokens[0]));
            Assert.Equal(x.Kurtosis, y.Kurtosis);
            Assert.Equal(plain.BuildTokenLookup(k, t => $"{t}").AverageActivations, b.BuildTokenLookup(k, t => $"{t}").AverageActivations);
        }
    }

    [Fact]
    public void Memory_stays_bounded_as_the_stream_grows_tenfold()
    {
        // From 20,000 excerpts on, every sample (even the top 0.1% bucket) is full: memory no longer grows.
        var small = Synthetic.Collect(20_000, 2, Settings, batch: 64, tokens: 4);
        var large = Synthetic.Collect(60_000, 2, Settings, batch: 64, tokens: 4);
        Assert.Equal(small.ApproximateBytes(), large.ApproximateBytes());
        Assert.Equal(60_000, large.Excerpts);
        Assert.True(large.ReferencedExcerpts().Count <= 2 * (50 + 50 + 5 * 20));
    }

    [Fact]
    public void A_stream_shorter_than_the_sample_sizes_keeps_every_excerpt_and_exact_boundaries()
    {
        var b = Synthetic.Collect(30, 2, Settings, tokens: 8);
        var r = b.BuildRecord(0, Synthetic.TokensFor(8));
        Assert.Equal(30, r.MostPositiveActivationRecords.Count);
        Assert.Equal(30, r.RandomSample.Count);
        Assert.Equal(30, r.RandomSampleByQuantile!.Sum(q => q.Count));
        var maxima = Enumerable.Range(0, 30).Select(e => (double)Enumerable.Range(0, 8).Max(t => Synthetic.Value(e, 0, t))).ToList();
        Assert.Equal(Synthetic.Percentile(maxima, 0.5), r.QuantileBoundaries![1], 1e-6);
        Assert.Equal(Synthetic.Percentile(maxima, 0.9), r.QuantileBoundaries![2], 1e-6);
    }
}
