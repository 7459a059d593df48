using NeuronViewer.Core.Collection;

namespace NeuronViewer.SubjectModel.Collection;

/// <summary>The resumable state of a collection run: which pass, how far into it, every layer's builder and kept excerpts' tokens.</summary>
internal sealed class CollectionState
{
    public required string Fingerprint { get; init; }

    public required NeuronRecordBuilder[] Builders { get; init; }

    /// <summary>Excerpts of the current pass already observed.</summary>
    public long Cursor { get; set; }

    public Dictionary<long, int[]> ExcerptTokens { get; } = [];

    public CollectionPass Pass => Builders[0].Pass;
}

/// <summary>Saves and restores <see cref="CollectionState"/> atomically (temp file, then rename).</summary>
internal static class CollectionCheckpoint
{
    private const string Magic = "NeuronViewer collection checkpoint v1";

    public static void Save(string path, CollectionState state)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var temp = path + ".tmp";
        using (var stream = new BufferedStream(File.Create(temp), 1 << 20))
        using (var w = new BinaryWriter(stream))
        {
            w.Write(Magic);
            w.Write(state.Fingerprint);
            w.Write(state.Cursor);
            w.Write(state.Builders.Length);
            foreach (var b in state.Builders) b.Write(w);
            w.Write(state.ExcerptTokens.Count);
            foreach (var (index, ids) in state.ExcerptTokens)
            {
                w.Write(index);
                w.Write(ids.Length);
                foreach (var id in ids) w.Write(id);
            }
        }
        File.Move(temp, path, overwrite: true);
    }

    /// <summary>The saved state if the file exists and belongs to this exact collection (same fingerprint); otherwise null.</summary>
    public static CollectionState? TryLoad(string path, string fingerprint, CollectionSettings settings)
    {
        if (!File.Exists(path)) return null;
        using var r = new BinaryReader(new BufferedStream(File.OpenRead(path), 1 << 20));
        try
        {
            if (r.ReadString() != Magic || r.ReadString() != fingerprint) return null;
            long cursor = r.ReadInt64();
            var builders = new NeuronRecordBuilder[r.ReadInt32()];
            for (int i = 0; i < builders.Length; i++) builders[i] = NeuronRecordBuilder.Read(r, settings);
            var state = new CollectionState { Fingerprint = fingerprint, Builders = builders, Cursor = cursor };
            int n = r.ReadInt32();
            for (int i = 0; i < n; i++)
            {
                long index = r.ReadInt64();
                var ids = new int[r.ReadInt32()];
                for (int k = 0; k < ids.Length; k++) ids[k] = r.ReadInt32();
                state.ExcerptTokens[index] = ids;
            }
            return state;
        }
        catch (EndOfStreamException)
        {
            return null;
        }
    }
}
