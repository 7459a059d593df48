using NeuronViewer.Core.Records;

namespace NeuronViewer.Core.Collection;

/// <summary>Which pass of collection a builder is in.</summary>
public enum CollectionPass
{
    /// <summary>Top excerpts, random sample, moments and the excerpt-max sketch.</summary>
    First = 1,

    /// <summary>Quantile-bucket samples against the fixed boundaries, and token look-up sums.</summary>
    Second = 2,
}

/// <summary>
/// Streams one layer's activations, batch by batch, into every neuron's NeuronRecord (spec §15.1), in memory bounded by
/// neurons × kept excerpts: pass 1 keeps the exact top-K excerpts by excerpt max, a uniform reservoir sample, moments over
/// all tokens and a sketch of the excerpt max; pass 2 (the same excerpts again) samples each quantile bucket uniformly
/// against boundaries fixed after pass 1, so every kept bucket record lies inside its bucket, and sums activations per
/// tracked token for the token look-up table. Pure: no I/O; deterministic for the seed.
/// </summary>
public sealed partial class NeuronRecordBuilder
{
    private readonly NeuronState[] states;
    private readonly Dictionary<int, int> rowOfToken;
    private readonly long[] lookupCounts;

    public NeuronRecordBuilder(int layer, int neurons, CollectionSettings settings, IReadOnlyList<int> trackedTokens)
    {
        settings.Validate();
        Layer = layer;
        Settings = settings;
        TrackedTokens = trackedTokens.ToArray();
        rowOfToken = TrackedTokens.Select((t, i) => (t, i)).ToDictionary(x => x.t, x => x.i);
        lookupCounts = new long[TrackedTokens.Count];
        states = Enumerable.Range(0, neurons).Select(n => new NeuronState(settings, layer, n, TrackedTokens.Count)).ToArray();
    }

    public int Layer { get; }

    public int Neurons => states.Length;

    public CollectionSettings Settings { get; }

    public IReadOnlyList<int> TrackedTokens { get; }

    public CollectionPass Pass { get; private set; } = CollectionPass.First;

    /// <summary>Excerpts and tokens observed in the current pass.</summary>
    public long Excerpts { get; private set; }

    public long Tokens { get; private set; }

    /// <summary>Pass 1: top-K, random reservoir, moments over every token, sketch of excerpt maxima.</summary>
    public void ObserveFirstPass(ActivationBatch batch)
    {
        Require(CollectionPass.First, batch);
        Parallel.For(0, Neurons, n =>
        {
            var s = states[n];
            s.Moments.AddBatch(batch.Neuron(n));
            for (int e = 0; e < batch.Excerpts; e++)
            {
                float max = Max(batch.Excerpt(n, e));
                long index = batch.FirstExcerptIndex + e;
                s.Sketch.Add(max);
                if (s.Top.Accepts(max, index)) s.Top.Offer(new KeptExcerpt(index, max, batch.Excerpt(n, e).ToArray()));
                s.Random.Offer((batch, n, e, index, max), Keep);
            }
        });
        Count(batch);
    }

    /// <summary>Fixes each neuron's bucket boundaries from the pass-1 sketch and top-K, and starts pass 2.</summary>
    public void BeginSecondPass()
    {
        if (Pass != CollectionPass.First) throw new InvalidOperationException("The second pass has already begun.");
        foreach (var s in states)
        {
            var top = s.Top.Descending();
            s.Interior = Settings.Quantiles.Select(q => QuantileBoundaries.Estimate(q, s.Sketch.Count, s.Sketch, top)).ToArray();
        }
        Pass = CollectionPass.Second;
        (Excerpts, Tokens) = (0, 0);
    }

    /// <summary>Pass 2: one uniform reservoir per quantile bucket, and activation sums per tracked token.</summary>
    public void ObserveSecondPass(ActivationBatch batch)
    {
        Require(CollectionPass.Second, batch);
        int positions = batch.Excerpts * batch.Tokens;
        var rows = new int[positions];
        for (int p = 0; p < positions; p++)
        {
            rows[p] = rowOfToken.TryGetValue(batch.TokenIds[p], out var r) ? r : -1;
            if (rows[p] >= 0) lookupCounts[rows[p]]++;
        }
        var accepted = new bool[batch.Excerpts];
        Parallel.For(0, Neurons, n =>
        {
            var s = states[n];
            for (int e = 0; e < batch.Excerpts; e++)
            {
                float max = Max(batch.Excerpt(n, e));
                long index = batch.FirstExcerptIndex + e;
                if (s.Buckets[QuantileBoundaries.Bucket(max, s.Interior)].Offer((batch, n, e, index, max), Keep)) accepted[e] = true;
            }
            var values = batch.Neuron(n);
            var sums = s.LookupSums;
            for (int p = 0; p < positions; p++)
                if (rows[p] >= 0) sums[rows[p]] += values[p];
        });
        AcceptedInLastBatch = Enumerable.Range(0, batch.Excerpts).Where(e => accepted[e]).Select(e => batch.FirstExcerptIndex + e).ToList();
        Count(batch);
    }

    /// <summary>Excerpts of the last pass-2 batch that some neuron took into a quantile sample.</summary>
    public IReadOnlyList<long> AcceptedInLastBatch { get; private set; } = [];

    /// <summary>The excerpts any neuron keeps (their token strings are needed to build the records).</summary>
    public IReadOnlySet<long> ReferencedExcerpts()
    {
        var set = new HashSet<long>();
        foreach (var s in states)
        {
            foreach (var i in s.Top.Items) set.Add(i.ExcerptIndex);
            foreach (var i in s.Random.Items) set.Add(i.ExcerptIndex);
            foreach (var b in s.Buckets) foreach (var i in b.Items) set.Add(i.ExcerptIndex);
        }
        return set;
    }

    /// <summary>The neuron's record; <paramref name="tokens"/> gives the token strings of a kept excerpt.</summary>
    public NeuronRecord BuildRecord(int neuron, Func<long, IReadOnlyList<string>> tokens)
    {
        if (Pass != CollectionPass.Second) throw new InvalidOperationException("Records are built after the second pass.");
        var s = states[neuron];
        ActivationRecord Record(KeptExcerpt k) => new(tokens(k.ExcerptIndex), k.Activations.Select(a => (double)a).ToArray());
        List<ActivationRecord> ByIndex(IEnumerable<KeptExcerpt> items) => items.OrderBy(i => i.ExcerptIndex).Select(Record).ToList();
        return new NeuronRecord(
            new NeuronId(Layer, neuron),
            ByIndex(s.Random.Items),
            s.Buckets.Select(b => (IReadOnlyList<ActivationRecord>)ByIndex(b.Items)).ToList(),
            QuantileBoundaries.WithEnds(s.Interior),
            s.Moments.MeanOrNaN,
            s.Moments.Variance,
            s.Moments.Skewness,
            s.Moments.Kurtosis,
            s.Top.Descending().Select(Record).ToList());
    }

    /// <summary>The tracked tokens with the highest mean activation for the neuron, highest first (ties: lower token id).</summary>
    public TokenLookupTableSummaryOfNeuron BuildTokenLookup(int neuron, Func<int, string> tokenString)
    {
        var sums = states[neuron].LookupSums;
        var best = Enumerable.Range(0, TrackedTokens.Count)
            .Where(r => lookupCounts[r] >= Settings.MinTokenCount)
            .Select(r => (Token: TrackedTokens[r], Mean: (double)sums[r] / lookupCounts[r]))
            .OrderByDescending(x => x.Mean).ThenBy(x => x.Token).Take(Settings.TokenLookupSize).ToList();
        return new TokenLookupTableSummaryOfNeuron(best.Select(b => tokenString(b.Token)).ToList(), best.Select(b => b.Mean).ToList());
    }

    /// <summary>Roughly the bytes this builder holds (kept excerpts, sketches, sums): bounded, whatever the corpus length.</summary>
    public long ApproximateBytes() => states.Sum(s => s.ApproximateBytes()) + 8L * lookupCounts.Length;

    private static KeptExcerpt Keep((ActivationBatch Batch, int N, int E, long Index, float Max) x) =>
        new(x.Index, x.Max, x.Batch.Excerpt(x.N, x.E).ToArray());

    private void Require(CollectionPass pass, ActivationBatch batch)
    {
        if (Pass != pass) throw new InvalidOperationException($"The builder is in pass {(int)Pass}, not {(int)pass}.");
        if (batch.Neurons != Neurons) throw new ArgumentException($"The batch has {batch.Neurons} neurons; layer {Layer} has {Neurons}.");
        if (batch.Tokens > Settings.ExcerptTokens) throw new ArgumentException($"Excerpts of {batch.Tokens} tokens exceed {Settings.ExcerptTokens}.");
    }

    private void Count(ActivationBatch batch)
    {
        Excerpts += batch.Excerpts;
        Tokens += (long)batch.Excerpts * batch.Tokens;
    }

    private static float Max(ReadOnlySpan<float> values)
    {
        float m = float.NegativeInfinity;
        foreach (var v in values) if (v > m) m = v;
        return m;
    }
}
