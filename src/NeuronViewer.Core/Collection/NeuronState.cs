namespace NeuronViewer.Core.Collection;

/// <summary>Everything collection keeps for one neuron between batches (bounded: kept excerpts, a sketch, sums).</summary>
internal sealed class NeuronState
{
    public NeuronState(CollectionSettings s, int layer, int neuron, int trackedTokens)
    {
        Top = new TopKHeap(s.TopCount);
        Random = new Reservoir(s.RandomCount, Stream(s.Seed, layer, neuron, 0));
        Buckets = Enumerable.Range(0, s.Quantiles.Count + 1)
            .Select(b => new Reservoir(s.QuantileSampleCount, Stream(s.Seed, layer, neuron, 1 + b))).ToArray();
        LookupSums = new float[trackedTokens];
    }

    public TopKHeap Top { get; }

    public Reservoir Random { get; }

    public LogHistogramSketch Sketch { get; } = new();

    public MomentAccumulator Moments;

    /// <summary>Interior bucket boundaries, fixed at the end of the first pass.</summary>
    public double[] Interior { get; set; } = [];

    public Reservoir[] Buckets { get; }

    /// <summary>Sum of activations per tracked token (second pass).</summary>
    public float[] LookupSums { get; }

    /// <summary>A per-neuron, per-purpose random stream, so neurons sample independently and reproducibly.</summary>
    private static SplitMix64 Stream(ulong seed, int layer, int neuron, int purpose) =>
        SplitMix64.ForStream(seed, ((ulong)(uint)layer << 40) ^ ((ulong)(uint)neuron << 8) ^ (uint)purpose);

    public long ApproximateBytes()
    {
        long kept = Top.Items.Sum(i => (long)i.Activations.Length) + Random.Items.Sum(i => (long)i.Activations.Length)
            + Buckets.Sum(b => b.Items.Sum(i => (long)i.Activations.Length));
        return 4 * kept + 4 * LookupSums.Length + 4 * (2 * LogHistogramSketch.BinsPerSign + 1) + 64 * (3 + Buckets.Length);
    }
}
