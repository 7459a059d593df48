using NeuronViewer.Core.Records;

namespace NeuronViewer.Storage;

/// <summary>A neuron as one 64-bit database key that sorts by layer, then index.</summary>
internal static class NeuronKey
{
    public static long Of(NeuronId id) => Of(id.LayerIndex, id.NeuronIndex);

    public static long Of(int layer, int index)
    {
        if (layer < 0 || index < 0)
            throw new StorageException($"Neuron {layer}:{index} is invalid: layer and index must be 0 or more.");
        return ((long)layer << 32) | (uint)index;
    }

    public static NeuronId ToId(long key) => new((int)(key >> 32), (int)(key & 0xFFFFFFFF));
}
