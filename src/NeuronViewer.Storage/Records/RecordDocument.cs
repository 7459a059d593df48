using LiteDB;
using NeuronViewer.Core.Records;
using NeuronViewer.Storage.Codecs;

namespace NeuronViewer.Storage.Records;

/// <summary>A NeuronRecord as a compact document: excerpt numbers plus activations as exact binary, moments and quantile boundaries as they were.</summary>
internal static class RecordDocument
{
    public static BsonDocument Encode(int runId, NeuronRecord record, Func<IReadOnlyList<string>, int> intern)
    {
        var doc = new BsonDocument
        {
            ["_id"] = NeuronKey.Of(record.NeuronId),
            ["layer"] = record.NeuronId.LayerIndex,
            ["index"] = record.NeuronId.NeuronIndex,
            ["run"] = runId,
            ["max"] = record.MaxActivation,
            ["mean"] = record.Mean,
            ["variance"] = record.Variance,
            ["skewness"] = record.Skewness,
            ["kurtosis"] = record.Kurtosis,
            ["boundaries"] = record.QuantileBoundaries is null ? BsonValue.Null : Blob.EncodeValues(record.QuantileBoundaries),
            ["top"] = Group(record.MostPositiveActivationRecords, intern),
            ["random"] = Group(record.RandomSample, intern),
            ["quantiles"] = record.RandomSampleByQuantile is null
                ? BsonValue.Null
                : new BsonArray(record.RandomSampleByQuantile.Select(q => Group(q, intern))),
        };
        return doc;
    }

    /// <summary>The excerpt numbers a record document refers to.</summary>
    public static IEnumerable<int> ExcerptNumbers(BsonDocument doc) =>
        Groups(doc).SelectMany(g => Numbers(g["excerpts"].AsBinary));

    public static NeuronRecord Decode(BsonDocument doc, IReadOnlyDictionary<int, string[]> excerpts)
    {
        var id = NeuronKey.ToId(doc["_id"].AsInt64);
        var quantiles = doc["quantiles"];
        return new NeuronRecord(
            id,
            ReadGroup(doc["random"].AsDocument, excerpts),
            quantiles.IsNull ? null : quantiles.AsArray.Select(q => (IReadOnlyList<ActivationRecord>)ReadGroup(q.AsDocument, excerpts)).ToArray(),
            doc["boundaries"].IsNull ? null : Blob.DecodeValues(doc["boundaries"].AsBinary),
            doc["mean"].AsDouble,
            doc["variance"].AsDouble,
            doc["skewness"].AsDouble,
            doc["kurtosis"].AsDouble,
            ReadGroup(doc["top"].AsDocument, excerpts));
    }

    private static IEnumerable<BsonDocument> Groups(BsonDocument doc)
    {
        yield return doc["top"].AsDocument;
        yield return doc["random"].AsDocument;
        if (!doc["quantiles"].IsNull)
        {
            foreach (var q in doc["quantiles"].AsArray)
                yield return q.AsDocument;
        }
    }

    private static BsonDocument Group(IReadOnlyList<ActivationRecord> records, Func<IReadOnlyList<string>, int> intern)
    {
        var numbers = Blob.Write(w =>
        {
            w.Write7BitEncodedInt(records.Count);
            foreach (var r in records)
                w.Write7BitEncodedInt(intern(r.Tokens));
        });
        var activations = Blob.EncodeValues(records.SelectMany(r => r.Activations).ToArray());
        return new BsonDocument { ["excerpts"] = numbers, ["activations"] = activations };
    }

    private static int[] Numbers(byte[] blob) => Blob.Read(blob, r =>
    {
        var numbers = new int[r.Read7BitEncodedInt()];
        for (var i = 0; i < numbers.Length; i++)
            numbers[i] = r.Read7BitEncodedInt();
        return numbers;
    });

    private static ActivationRecord[] ReadGroup(BsonDocument group, IReadOnlyDictionary<int, string[]> excerpts)
    {
        var numbers = Numbers(group["excerpts"].AsBinary);
        var activations = Blob.DecodeValues(group["activations"].AsBinary);
        var records = new ActivationRecord[numbers.Length];
        var offset = 0;
        for (var i = 0; i < numbers.Length; i++)
        {
            var tokens = excerpts[numbers[i]];
            if (offset + tokens.Length > activations.Length)
                throw new StorageException("A stored neuron record has fewer activations than tokens: the database is inconsistent.");
            records[i] = new ActivationRecord(tokens, activations[offset..(offset + tokens.Length)]);
            offset += tokens.Length;
        }
        return records;
    }
}
