using LiteDB;
using NeuronViewer.Core.Records;
using NeuronViewer.Storage.Scores;
using NeuronViewer.Storage.Summaries;

namespace NeuronViewer.Storage.Explanations;

/// <summary>Candidate explanations per neuron; adding or deleting them updates the neuron's browser row in the same transaction.</summary>
public sealed class ExplanationRepository
{
    internal const string CollectionName = "explanations";
    private readonly LiteStore store;
    private readonly ILiteCollection<StoredExplanation> explanations;
    private readonly SummaryUpdater summaries;
    private readonly ScoreRepository scores;
    private readonly AblationScoreRepository ablations;

    internal ExplanationRepository(LiteStore store, SummaryUpdater summaries, ScoreRepository scores, AblationScoreRepository ablations)
    {
        this.store = store;
        this.summaries = summaries;
        this.scores = scores;
        this.ablations = ablations;
        explanations = store.Collection<StoredExplanation>(CollectionName);
        explanations.EnsureIndex(e => e.NeuronKey);
    }

    /// <summary>Adds one explanation and returns its id.</summary>
    public long Add(StoredExplanation explanation) => AddMany([explanation])[0];

    /// <summary>Adds explanations (any neurons) in one transaction and returns their ids in order.</summary>
    public IReadOnlyList<long> AddMany(IEnumerable<StoredExplanation> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        var list = items.ToList();
        foreach (var e in list)
            Validate(e);
        return store.Atomic(() =>
        {
            var ids = new List<long>(list.Count);
            foreach (var e in list)
            {
                e.Id = 0;
                e.NeuronKey = NeuronKey.Of(e.Layer, e.Index);
                ids.Add(explanations.Insert(e).AsInt64);
            }
            foreach (var key in list.Select(e => e.NeuronKey).Distinct())
                summaries.ExplanationsChanged(key);
            return ids;
        });
    }

    public StoredExplanation? Get(long id) => explanations.FindById(id);

    /// <summary>A neuron's explanations in the order they were added.</summary>
    public IReadOnlyList<StoredExplanation> ForNeuron(NeuronId neuron)
    {
        var key = NeuronKey.Of(neuron);
        return explanations.Find(e => e.NeuronKey == key).OrderBy(e => e.Id).ToList();
    }

    public int Count() => explanations.Count();

    /// <summary>Every explanation in neuron order (for export), streamed.</summary>
    public IEnumerable<StoredExplanation> All() => explanations.Query().OrderBy(e => e.NeuronKey).ToEnumerable();

    /// <summary>Deletes an explanation with its scores and ablation scores; false when it did not exist.</summary>
    public bool Delete(long id) => store.Atomic(() =>
    {
        var explanation = explanations.FindById(id);
        if (explanation is null)
            return false;
        scores.DeleteForExplanation(id);
        ablations.DeleteForExplanation(id);
        explanations.Delete(id);
        summaries.ExplanationsChanged(explanation.NeuronKey);
        return true;
    });

    /// <summary>Deletes a neuron's explanations (only those of one source when given) with their scores; returns how many.</summary>
    public int DeleteForNeuron(NeuronId neuron, ExplanationSource? source = null) => store.Atomic(() =>
    {
        var doomed = ForNeuron(neuron).Where(e => source is null || e.Source == source).ToList();
        foreach (var e in doomed)
        {
            scores.DeleteForExplanation(e.Id);
            ablations.DeleteForExplanation(e.Id);
            explanations.Delete(e.Id);
        }
        if (doomed.Count > 0)
            summaries.ExplanationsChanged(NeuronKey.Of(neuron));
        return doomed.Count;
    });

    private static void Validate(StoredExplanation e)
    {
        ArgumentNullException.ThrowIfNull(e);
        if (e.Layer < 0 || e.Index < 0)
            throw new StorageException($"Neuron {e.Layer}:{e.Index} is invalid: layer and index must be 0 or more.");
        if (string.IsNullOrWhiteSpace(e.Text))
            throw new StorageException($"An explanation of neuron {e.Layer}:{e.Index} is empty.");
        if (e.Source == ExplanationSource.Control && e.ControlFrom is null)
            throw new StorageException($"A control explanation of neuron {e.Layer}:{e.Index} must say which neuron it was taken from.");
    }
}
