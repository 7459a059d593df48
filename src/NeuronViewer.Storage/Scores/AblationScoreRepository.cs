using LiteDB;
using NeuronViewer.Core.Records;
using NeuronViewer.Storage.Summaries;

namespace NeuronViewer.Storage.Scores;

/// <summary>Ablation scores per explanation and evaluation set (issue 6); saving one updates the neuron's browser row.</summary>
public sealed class AblationScoreRepository
{
    internal const string CollectionName = "ablations";
    private readonly LiteStore store;
    private readonly ILiteCollection<StoredAblationScore> ablations;
    private readonly SummaryUpdater summaries;

    internal AblationScoreRepository(LiteStore store, SummaryUpdater summaries)
    {
        this.store = store;
        this.summaries = summaries;
        ablations = store.Collection<StoredAblationScore>(CollectionName);
        ablations.EnsureIndex(a => a.NeuronKey);
        ablations.EnsureIndex(a => a.ExplanationId);
    }

    /// <summary>Stores an ablation score of an existing explanation and returns its id.</summary>
    public long Save(StoredAblationScore score)
    {
        ArgumentNullException.ThrowIfNull(score);
        if (score.Score is null && string.IsNullOrWhiteSpace(score.NullReason))
            throw new StorageException("An ablation score without a value must state why (NullReason).");
        return store.Atomic(() =>
        {
            var explanation = store.Collection<BsonDocument>(Explanations.ExplanationRepository.CollectionName).FindById(score.ExplanationId)
                ?? throw new StorageException($"Explanation {score.ExplanationId} does not exist; store it before its scores.");
            score.Id = 0;
            score.NeuronKey = explanation["NeuronKey"].AsInt64;
            (score.Layer, score.Index) = (explanation["Layer"].AsInt32, explanation["Index"].AsInt32);
            var id = ablations.Insert(score).AsInt64;
            summaries.ExplanationsChanged(score.NeuronKey);
            return id;
        });
    }

    public IReadOnlyList<StoredAblationScore> ForExplanation(long explanationId) =>
        ablations.Find(a => a.ExplanationId == explanationId).OrderBy(a => a.Id).ToList();

    public IReadOnlyList<StoredAblationScore> ForNeuron(NeuronId neuron)
    {
        var key = NeuronKey.Of(neuron);
        return ablations.Find(a => a.NeuronKey == key).OrderBy(a => a.Id).ToList();
    }

    internal void DeleteForExplanation(long explanationId) => ablations.DeleteMany(a => a.ExplanationId == explanationId);
}
