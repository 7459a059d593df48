using LiteDB;
using NeuronViewer.Core.Records;
using NeuronViewer.Storage.Codecs;
using NeuronViewer.Storage.Runs;
using NeuronViewer.Storage.Summaries;

namespace NeuronViewer.Storage.Records;

/// <summary>Neuron records (excerpts shared per run, activations as exact binary) and per-neuron related tokens.</summary>
public sealed class NeuronRecordRepository
{
    internal const string CollectionName = "records";
    internal const string RelatedName = "related_tokens";
    private readonly LiteStore store;
    private readonly ILiteCollection<BsonDocument> records;
    private readonly ILiteCollection<BsonDocument> related;
    private readonly ILiteCollection<CollectionRun> runs;
    private readonly ExcerptStore excerpts;
    private readonly SummaryUpdater summaries;

    internal NeuronRecordRepository(LiteStore store, SummaryUpdater summaries)
    {
        this.store = store;
        this.summaries = summaries;
        records = store.Documents(CollectionName);
        records.EnsureIndex("layer", "$.layer");
        records.EnsureIndex("run", "$.run");
        related = store.Documents(RelatedName);
        runs = store.Collection<CollectionRun>(RunRepository.CollectionName);
        excerpts = new ExcerptStore(store);
    }

    /// <summary>Stores (or replaces) one neuron record of a run.</summary>
    public void Save(int runId, NeuronRecord record) => SaveMany(runId, [record]);

    /// <summary>Stores (or replaces) records of a run in one transaction: all of them or none.</summary>
    public void SaveMany(int runId, IEnumerable<NeuronRecord> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        var list = items.ToList();
        foreach (var record in list)
            RecordValidation.Validate(record);
        store.Atomic(() =>
        {
            if (runs.FindById(runId) is null)
                throw new StorageException($"Collection run {runId} does not exist; create the run before its records.");
            foreach (var record in list)
            {
                var doc = RecordDocument.Encode(runId, record, tokens => excerpts.Intern(runId, tokens));
                records.Upsert(doc);
                summaries.RecordChanged(doc["_id"].AsInt64, runId, record.MaxActivation);
            }
        });
    }

    public StoredNeuronRecord? Get(NeuronId neuron)
    {
        var doc = records.FindById(NeuronKey.Of(neuron));
        if (doc is null)
            return null;
        var runId = doc["run"].AsInt32;
        var tokens = excerpts.Load(runId, RecordDocument.ExcerptNumbers(doc));
        return new StoredNeuronRecord(RecordDocument.Decode(doc, tokens), runId);
    }

    public bool Exists(NeuronId neuron) => records.Exists(Query.EQ("_id", NeuronKey.Of(neuron)));

    public int Count() => records.Count();

    /// <summary>Stored excerpts of a run (each stored once however many records use it).</summary>
    public int ExcerptCount(int runId) => excerpts.Count(runId);

    /// <summary>Stored neurons in layer/index order, optionally of one layer.</summary>
    public IReadOnlyList<NeuronId> List(int? layer = null)
    {
        var query = records.Query();
        if (layer is { } l)
            query = query.Where(Query.EQ("layer", l));
        return query.Select("{ key: $._id }").ToEnumerable().Select(d => d["key"].AsInt64).Order().Select(NeuronKey.ToId).ToList();
    }

    /// <summary>Deletes a neuron's record (its explanations stay); false when there was none.</summary>
    public bool Delete(NeuronId neuron) => store.Atomic(() =>
    {
        var key = NeuronKey.Of(neuron);
        if (!records.Delete(key))
            return false;
        summaries.RecordChanged(key, null, double.NaN);
        return true;
    });

    /// <summary>Deletes a run with its records and excerpts; returns the number of records removed.</summary>
    public int DeleteRun(int runId) => store.Atomic(() =>
    {
        var keys = records.Find(Query.EQ("run", runId)).Select(d => d["_id"].AsInt64).ToList();
        foreach (var key in keys)
        {
            records.Delete(key);
            summaries.RecordChanged(key, null, double.NaN);
        }
        excerpts.DeleteRun(runId);
        runs.Delete(runId);
        return keys.Count;
    });

    /// <summary>Stores a neuron's related tokens; a null part keeps what was stored before.</summary>
    public void SaveRelatedTokens(NeuronId neuron, TokenLookupTableSummaryOfNeuron? lookupTable, WeightBasedSummaryOfNeuron? weightBased)
    {
        var key = NeuronKey.Of(neuron);
        store.Atomic(() =>
        {
            var doc = related.FindById(key) ?? new BsonDocument { ["_id"] = key };
            if (lookupTable is not null)
                doc["lookup"] = RelatedTokensCodec.Encode(lookupTable);
            if (weightBased is not null)
                doc["weights"] = RelatedTokensCodec.Encode(weightBased);
            related.Upsert(doc);
        });
    }

    public RelatedTokens? GetRelatedTokens(NeuronId neuron)
    {
        var doc = related.FindById(NeuronKey.Of(neuron));
        if (doc is null)
            return null;
        return new RelatedTokens(
            doc["lookup"].IsNull ? null : RelatedTokensCodec.DecodeLookupTable(doc["lookup"].AsBinary),
            doc["weights"].IsNull ? null : RelatedTokensCodec.DecodeWeightBased(doc["weights"].AsBinary));
    }
}
