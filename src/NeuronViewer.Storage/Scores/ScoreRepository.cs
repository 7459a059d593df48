using LiteDB;
using NeuronViewer.Core.Records;
using NeuronViewer.Storage.Summaries;

namespace NeuronViewer.Storage.Scores;

/// <summary>Correlation scores per explanation and evaluation set; the full ScoredSimulation lives in its own collection and loads on request.</summary>
public sealed class ScoreRepository
{
    internal const string CollectionName = "scores";
    internal const string SimulationsName = "simulations";
    private readonly LiteStore store;
    private readonly ILiteCollection<StoredScore> scores;
    private readonly ILiteCollection<BsonDocument> simulations;
    private readonly SummaryUpdater summaries;

    internal ScoreRepository(LiteStore store, SummaryUpdater summaries)
    {
        this.store = store;
        this.summaries = summaries;
        scores = store.Collection<StoredScore>(CollectionName);
        scores.EnsureIndex(s => s.NeuronKey);
        scores.EnsureIndex(s => s.ExplanationId);
        simulations = store.Documents(SimulationsName);
    }

    /// <summary>Stores a score of an existing explanation (its Simulation is required) and returns its id.</summary>
    public long Save(StoredScore score)
    {
        ArgumentNullException.ThrowIfNull(score);
        var simulation = score.Simulation
            ?? throw new StorageException("A score needs its ScoredSimulation (with no sequences when every one failed).");
        return store.Atomic(() =>
        {
            var explanation = store.Collection<BsonDocument>(Explanations.ExplanationRepository.CollectionName).FindById(score.ExplanationId)
                ?? throw new StorageException($"Explanation {score.ExplanationId} does not exist; store it before its scores.");
            score.Id = 0;
            score.NeuronKey = explanation["NeuronKey"].AsInt64;
            (score.Layer, score.Index) = (explanation["Layer"].AsInt32, explanation["Index"].AsInt32);
            score.EvCorrelationScore = simulation.EvCorrelationScore;
            score.RsquaredScore = simulation.RsquaredScore;
            score.AbsoluteDevExplainedScore = simulation.AbsoluteDevExplainedScore;
            score.SequenceCount = simulation.ScoredSequenceSimulations.Count;
            var id = scores.Insert(score).AsInt64;
            simulations.Insert(new BsonDocument { ["_id"] = id, ["data"] = Codecs.SimulationCodec.Encode(simulation) });
            summaries.ExplanationsChanged(score.NeuronKey);
            return id;
        });
    }

    /// <summary>A score with or without its full simulation.</summary>
    public StoredScore? Get(long id, bool withSimulation = true)
    {
        var score = scores.FindById(id);
        if (score is not null && withSimulation)
            score.Simulation = LoadSimulation(id);
        return score;
    }

    public IReadOnlyList<StoredScore> ForExplanation(long explanationId, bool withSimulations = false) =>
        Load(scores.Find(s => s.ExplanationId == explanationId), withSimulations);

    public IReadOnlyList<StoredScore> ForNeuron(NeuronId neuron, bool withSimulations = false)
    {
        var key = NeuronKey.Of(neuron);
        return Load(scores.Find(s => s.NeuronKey == key), withSimulations);
    }

    public int Count() => scores.Count();

    internal void DeleteForExplanation(long explanationId)
    {
        foreach (var score in scores.Find(s => s.ExplanationId == explanationId).ToList())
        {
            simulations.Delete(score.Id);
            scores.Delete(score.Id);
        }
    }

    private List<StoredScore> Load(IEnumerable<StoredScore> found, bool withSimulations)
    {
        var list = found.OrderBy(s => s.Id).ToList();
        if (withSimulations)
        {
            foreach (var score in list)
                score.Simulation = LoadSimulation(score.Id);
        }
        return list;
    }

    private ScoredSimulation LoadSimulation(long id) =>
        Codecs.SimulationCodec.Decode(simulations.FindById(id)?["data"].AsBinary
            ?? throw new StorageException($"The simulation of score {id} is missing: the database is inconsistent."));
}
