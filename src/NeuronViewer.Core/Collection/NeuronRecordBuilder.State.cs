namespace NeuronViewer.Core.Collection;

/// <summary>Saving and restoring a builder's complete state (for checkpoints); the caller owns the stream and any file.</summary>
public sealed partial class NeuronRecordBuilder
{
    private const int FormatVersion = 1;

    /// <summary>Writes the complete state; <see cref="Read"/> restores a builder that continues exactly where this one is.</summary>
    public void Write(BinaryWriter w)
    {
        w.Write(FormatVersion);
        w.Write(Layer);
        w.Write(Neurons);
        w.Write(SettingsKey(Settings));
        w.Write(TrackedTokens.Count);
        foreach (var t in TrackedTokens) w.Write(t);
        w.Write((int)Pass);
        w.Write(Excerpts);
        w.Write(Tokens);
        foreach (var c in lookupCounts) w.Write(c);
        foreach (var s in states)
        {
            WriteItems(w, s.Top.Items);
            WriteReservoir(w, s.Random);
            var (counts, count, min, max) = s.Sketch.State;
            w.Write(count);
            w.Write(min);
            w.Write(max);
            foreach (var c in counts) w.Write(c);
            w.Write(s.Moments.Count);
            w.Write(s.Moments.Mean);
            w.Write(s.Moments.M2);
            w.Write(s.Moments.M3);
            w.Write(s.Moments.M4);
            w.Write(s.Interior.Length);
            foreach (var b in s.Interior) w.Write(b);
            foreach (var r in s.Buckets) WriteReservoir(w, r);
            foreach (var v in s.LookupSums) w.Write(v);
        }
    }

    /// <summary>Restores a builder written by <see cref="Write"/>; the settings must be the ones it was written with.</summary>
    public static NeuronRecordBuilder Read(BinaryReader r, CollectionSettings settings)
    {
        if (r.ReadInt32() != FormatVersion) throw new InvalidDataException("The collection checkpoint has an unknown format version.");
        int layer = r.ReadInt32(), neurons = r.ReadInt32();
        if (r.ReadString() != SettingsKey(settings))
            throw new InvalidDataException("The collection checkpoint was written with different collection settings.");
        var tracked = new int[r.ReadInt32()];
        for (int i = 0; i < tracked.Length; i++) tracked[i] = r.ReadInt32();
        var b = new NeuronRecordBuilder(layer, neurons, settings, tracked)
        {
            Pass = (CollectionPass)r.ReadInt32(),
            Excerpts = r.ReadInt64(),
            Tokens = r.ReadInt64(),
        };
        for (int i = 0; i < b.lookupCounts.Length; i++) b.lookupCounts[i] = r.ReadInt64();
        foreach (var s in b.states)
        {
            s.Top.Restore(ReadItems(r));
            ReadReservoir(r, s.Random);
            long count = r.ReadInt64();
            double min = r.ReadDouble(), max = r.ReadDouble();
            var bins = new int[2 * LogHistogramSketch.BinsPerSign + 1];
            for (int i = 0; i < bins.Length; i++) bins[i] = r.ReadInt32();
            s.Sketch.Restore(bins, count, min, max);
            s.Moments = new MomentAccumulator { Count = r.ReadInt64(), Mean = r.ReadDouble(), M2 = r.ReadDouble(), M3 = r.ReadDouble(), M4 = r.ReadDouble() };
            s.Interior = new double[r.ReadInt32()];
            for (int i = 0; i < s.Interior.Length; i++) s.Interior[i] = r.ReadDouble();
            foreach (var res in s.Buckets) ReadReservoir(r, res);
            for (int i = 0; i < s.LookupSums.Length; i++) s.LookupSums[i] = r.ReadSingle();
        }
        return b;
    }

    private static string SettingsKey(CollectionSettings s) =>
        FormattableString.Invariant($"{s.ExcerptTokens}/{s.MinExcerptTokens}/{s.TopCount}/{s.RandomCount}/{s.QuantileSampleCount}/{string.Join(",", s.Quantiles)}/{s.MinTokenCount}/{s.MaxTrackedTokens}/{s.TokenLookupSize}/{s.Seed}");

    private static void WriteReservoir(BinaryWriter w, Reservoir r)
    {
        var (seen, next, weight, rng) = r.State;
        w.Write(seen);
        w.Write(next);
        w.Write(weight);
        w.Write(rng);
        WriteItems(w, r.Items);
    }

    private static void ReadReservoir(BinaryReader r, Reservoir into)
    {
        var state = (r.ReadInt64(), r.ReadInt64(), r.ReadDouble(), r.ReadUInt64());
        into.Restore(state, ReadItems(r));
    }

    private static void WriteItems(BinaryWriter w, IReadOnlyList<KeptExcerpt> items)
    {
        w.Write(items.Count);
        foreach (var i in items)
        {
            w.Write(i.ExcerptIndex);
            w.Write(i.Max);
            w.Write(i.Activations.Length);
            foreach (var a in i.Activations) w.Write(a);
        }
    }

    private static List<KeptExcerpt> ReadItems(BinaryReader r)
    {
        var items = new List<KeptExcerpt>();
        int n = r.ReadInt32();
        for (int k = 0; k < n; k++)
        {
            long index = r.ReadInt64();
            float max = r.ReadSingle();
            var acts = new float[r.ReadInt32()];
            for (int i = 0; i < acts.Length; i++) acts[i] = r.ReadSingle();
            items.Add(new KeptExcerpt(index, max, acts));
        }
        return items;
    }
}
