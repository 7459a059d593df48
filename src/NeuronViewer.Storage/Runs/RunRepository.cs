using LiteDB;

namespace NeuronViewer.Storage.Runs;

/// <summary>Collection runs: the provenance of every stored neuron record.</summary>
public sealed class RunRepository
{
    internal const string CollectionName = "runs";
    private readonly ILiteCollection<CollectionRun> runs;

    internal RunRepository(LiteStore store) => runs = store.Collection<CollectionRun>(CollectionName);

    /// <summary>Stores a new run and returns its id.</summary>
    public int Create(CollectionRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        if (string.IsNullOrWhiteSpace(run.SubjectModel))
            throw new StorageException("A collection run needs the subject model it ran.");
        run.Id = 0;
        return runs.Insert(run).AsInt32;
    }

    public CollectionRun? Get(int id) => runs.FindById(id);

    /// <summary>Replaces a stored run's fields (e.g. its notes when a collection completes); false when it does not exist.</summary>
    public bool Update(CollectionRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        return runs.Update(run);
    }

    /// <summary>Every run, newest first.</summary>
    public IReadOnlyList<CollectionRun> List() => runs.Query().OrderByDescending(r => r.Id).ToList();
}
