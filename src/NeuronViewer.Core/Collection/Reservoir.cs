namespace NeuronViewer.Core.Collection;

/// <summary>
/// A uniform random sample of K items from a stream of unknown length (Li's Algorithm L: it draws random numbers only
/// when an item is accepted). Deterministic for its seed; its whole state can be saved and restored.
/// </summary>
public sealed class Reservoir
{
    private readonly List<KeptExcerpt> items;
    private SplitMix64 rng;
    private double w;

    public Reservoir(int capacity, SplitMix64 rng)
    {
        Capacity = capacity;
        this.rng = rng;
        items = new List<KeptExcerpt>(capacity);
        w = capacity > 0 ? Math.Exp(Math.Log(this.rng.NextOpenDouble()) / capacity) : 0;
        Next = capacity;
    }

    public int Capacity { get; }

    /// <summary>Items offered so far.</summary>
    public long Seen { get; private set; }

    /// <summary>The position in the stream (0-based) of the next item that will be accepted once the reservoir is full.</summary>
    public long Next { get; private set; }

    public IReadOnlyList<KeptExcerpt> Items => items;

    /// <summary>True when the next offered item will be kept (test this before copying an item's activations).</summary>
    public bool WillAccept => Capacity > 0 && (Seen < Capacity || Seen == Next);

    /// <summary>Offers the next stream item; <paramref name="make"/> is called only when it is kept (then returns true).</summary>
    public bool Offer<TState>(TState state, Func<TState, KeptExcerpt> make)
    {
        if (!WillAccept)
        {
            Seen++;
            return false;
        }
        if (Seen < Capacity)
        {
            items.Add(make(state));
        }
        else
        {
            items[(int)rng.NextInt64(Capacity)] = make(state);
            w *= Math.Exp(Math.Log(rng.NextOpenDouble()) / Capacity);
        }
        Seen++;
        if (Seen >= Capacity)
        {
            double skip = Math.Floor(Math.Log(rng.NextOpenDouble()) / Math.Log(1 - w));
            Next = Seen + (long)Math.Min(skip, long.MaxValue / 4.0);
        }
        return true;
    }

    /// <summary>The state a checkpoint needs besides the items.</summary>
    public (long Seen, long Next, double W, ulong Rng) State => (Seen, Next, w, rng.State);

    /// <summary>Restores a state and items saved from <see cref="State"/> and <see cref="Items"/>.</summary>
    public void Restore((long Seen, long Next, double W, ulong Rng) state, IEnumerable<KeptExcerpt> kept)
    {
        (Seen, Next, w) = (state.Seen, state.Next, state.W);
        rng = new SplitMix64(state.Rng);
        items.Clear();
        items.AddRange(kept);
    }
}
