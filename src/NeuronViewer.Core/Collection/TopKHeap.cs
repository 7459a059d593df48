namespace NeuronViewer.Core.Collection;

/// <summary>
/// The K excerpts with the highest max activation, exactly: a min-heap on (max, then later excerpt first) so ties keep the
/// earlier excerpt, as a stable descending sort of all excerpts would.
/// </summary>
public sealed class TopKHeap
{
    private readonly List<KeptExcerpt> heap;

    public TopKHeap(int capacity)
    {
        Capacity = capacity;
        heap = new List<KeptExcerpt>(capacity);
    }

    public int Capacity { get; }

    public int Count => heap.Count;

    /// <summary>True when an excerpt with this max would enter (cheap test before copying its activations).</summary>
    public bool Accepts(float max, long excerptIndex) =>
        Capacity > 0 && (heap.Count < Capacity || Better(max, excerptIndex, heap[0]));

    public void Offer(KeptExcerpt item)
    {
        if (!Accepts(item.Max, item.ExcerptIndex)) return;
        if (heap.Count < Capacity)
        {
            heap.Add(item);
            SiftUp(heap.Count - 1);
        }
        else
        {
            heap[0] = item;
            SiftDown(0);
        }
    }

    /// <summary>The kept excerpts, highest max first (ties: earlier excerpt first).</summary>
    public IReadOnlyList<KeptExcerpt> Descending() =>
        heap.OrderByDescending(e => e.Max).ThenBy(e => e.ExcerptIndex).ToList();

    /// <summary>The items in heap order, for checkpoints.</summary>
    public IReadOnlyList<KeptExcerpt> Items => heap;

    /// <summary>Restores items written from <see cref="Items"/>.</summary>
    public void Restore(IEnumerable<KeptExcerpt> items)
    {
        heap.Clear();
        foreach (var i in items) Offer(i);
    }

    private static bool Better(float max, long index, KeptExcerpt than) =>
        max > than.Max || (max == than.Max && index < than.ExcerptIndex);

    private static bool Less(KeptExcerpt a, KeptExcerpt b) => Better(b.Max, b.ExcerptIndex, a);

    private void SiftUp(int i)
    {
        while (i > 0)
        {
            int parent = (i - 1) / 2;
            if (!Less(heap[i], heap[parent])) break;
            (heap[i], heap[parent]) = (heap[parent], heap[i]);
            i = parent;
        }
    }

    private void SiftDown(int i)
    {
        while (true)
        {
            int l = 2 * i + 1, r = l + 1, m = i;
            if (l < heap.Count && Less(heap[l], heap[m])) m = l;
            if (r < heap.Count && Less(heap[r], heap[m])) m = r;
            if (m == i) return;
            (heap[i], heap[m]) = (heap[m], heap[i]);
            i = m;
        }
    }
}
