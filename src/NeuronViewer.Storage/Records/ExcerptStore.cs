using System.Security.Cryptography;
using System.Text;
using LiteDB;
using NeuronViewer.Storage.Codecs;

namespace NeuronViewer.Storage.Records;

/// <summary>Excerpt token strings stored once per run and referenced by number from neuron records (deduplicated by content hash).</summary>
internal sealed class ExcerptStore
{
    public const string CollectionName = "excerpts";
    private readonly LiteStore store;
    private readonly ILiteCollection<BsonDocument> excerpts;
    private readonly Dictionary<int, RunExcerpts> runs = [];

    public ExcerptStore(LiteStore store)
    {
        this.store = store;
        excerpts = store.Documents(CollectionName);
        excerpts.EnsureIndex("run", "$.run");
    }

    /// <summary>The excerpt number of these tokens in the run, inserting them if new; call inside a transaction.</summary>
    public int Intern(int runId, IReadOnlyList<string> tokens)
    {
        store.RequireTransaction();
        var run = Run(runId);
        var hash = Hash(tokens);
        if (run.Numbers.TryGetValue(hash, out var number))
            return number;
        number = run.Next++;
        excerpts.Insert(new BsonDocument { ["_id"] = Id(runId, number), ["run"] = runId, ["tokens"] = TokenCodec.Encode(tokens) });
        run.Numbers[hash] = number;
        store.OnRollback(() => run.Numbers.Remove(hash));
        return number;
    }

    /// <summary>Token strings of the given excerpt numbers of a run.</summary>
    public Dictionary<int, string[]> Load(int runId, IEnumerable<int> numbers)
    {
        var result = new Dictionary<int, string[]>();
        foreach (var number in numbers)
        {
            if (result.ContainsKey(number))
                continue;
            var doc = excerpts.FindById(Id(runId, number))
                ?? throw new StorageException($"Excerpt {number} of run {runId} is missing: the database is inconsistent.");
            result[number] = TokenCodec.Decode(doc["tokens"].AsBinary);
        }
        return result;
    }

    public int Count(int runId) => excerpts.Count(Query.EQ("run", runId));

    /// <summary>Deletes every excerpt of a run; call inside a transaction.</summary>
    public int DeleteRun(int runId)
    {
        store.RequireTransaction();
        var removed = runs.Remove(runId, out var cached);
        store.OnRollback(() =>
        {
            if (removed)
                runs[runId] = cached!;
        });
        return excerpts.DeleteMany(Query.EQ("run", runId));
    }

    private static long Id(int runId, int number) => ((long)runId << 32) | (uint)number;

    private RunExcerpts Run(int runId)
    {
        if (runs.TryGetValue(runId, out var run))
            return run;
        run = new RunExcerpts();
        foreach (var doc in excerpts.Find(Query.EQ("run", runId)))
        {
            var number = (int)(doc["_id"].AsInt64 & 0xFFFFFFFF);
            run.Numbers[Hash(TokenCodec.Decode(doc["tokens"].AsBinary))] = number;
            run.Next = Math.Max(run.Next, number + 1);
        }
        runs[runId] = run;
        return run;
    }

    private static UInt128 Hash(IReadOnlyList<string> tokens)
    {
        var builder = new StringBuilder();
        foreach (var token in tokens)
            builder.Append(token.Length).Append(':').Append(token);
        Span<byte> digest = stackalloc byte[32];
        SHA256.HashData(MemoryMarshalBytes(builder.ToString()), digest);
        return new UInt128(BitConverter.ToUInt64(digest[..8]), BitConverter.ToUInt64(digest[8..16]));
    }

    private static ReadOnlySpan<byte> MemoryMarshalBytes(string s) => System.Runtime.InteropServices.MemoryMarshal.AsBytes(s.AsSpan());

    private sealed class RunExcerpts
    {
        public Dictionary<UInt128, int> Numbers { get; } = [];

        public int Next { get; set; }
    }
}
