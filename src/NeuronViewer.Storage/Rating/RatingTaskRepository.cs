using LiteDB;
using NeuronViewer.Core.Records;

namespace NeuronViewer.Storage.Rating;

/// <summary>The tasks of rating studies: per study, per neuron, per annotator; candidates can be replaced while a study is in Draft.</summary>
public sealed class RatingTaskRepository
{
    internal const string CollectionName = "rating_tasks";
    private readonly LiteStore store;
    private readonly ILiteCollection<RatingTask> tasks;

    internal RatingTaskRepository(LiteStore store)
    {
        this.store = store;
        tasks = store.Collection<RatingTask>(CollectionName);
        tasks.EnsureIndex(t => t.StudyId);
        tasks.EnsureIndex(t => t.NeuronKey);
        tasks.EnsureIndex("annotators", "$.AnnotatorIds[*]");
    }

    public RatingTask? Get(long id) => tasks.FindById(id);

    /// <summary>A study's tasks in queue order.</summary>
    public IReadOnlyList<RatingTask> ForStudy(long studyId) => tasks.Find(t => t.StudyId == studyId).OrderBy(t => t.Number).ToList();

    /// <summary>Every task about a neuron, in any study.</summary>
    public IReadOnlyList<RatingTask> ForNeuron(NeuronId neuron)
    {
        var key = NeuronKey.Of(neuron);
        return tasks.Find(t => t.NeuronKey == key).OrderBy(t => t.StudyId).ToList();
    }

    /// <summary>Every task assigned to an annotator, by study then queue order.</summary>
    public IReadOnlyList<RatingTask> ForAnnotator(string annotatorId)
    {
        ArgumentNullException.ThrowIfNull(annotatorId);
        return tasks.Find(BsonExpression.Create("$.AnnotatorIds[*] ANY = @0", new BsonValue(annotatorId))).OrderBy(t => t.StudyId).ThenBy(t => t.Number).ToList();
    }

    /// <summary>Replaces candidate <paramref name="position"/> of a task whose study is still in Draft (nobody has rated it).</summary>
    public RatingTask ReplaceCandidate(long taskId, int position, TaskCandidate candidate) => store.Atomic(() =>
    {
        ArgumentNullException.ThrowIfNull(candidate);
        var task = tasks.FindById(taskId) ?? throw new StorageException($"Rating task {taskId} does not exist.");
        var study = store.Collection<Study>(StudyRepository.CollectionName).FindById(task.StudyId);
        if (study is null || study.State != StudyState.Draft)
            throw new StorageException("Candidates can only change while the study is being set up (Draft); close and copy the study instead.");
        if (position < 0 || position >= task.Candidates.Count)
            throw new StorageException($"Task {taskId} has no candidate {position + 1}.");
        task.Candidates[position] = candidate;
        ValidateCandidates(task);
        tasks.Update(task);
        return task;
    });

    internal void Insert(IEnumerable<RatingTask> items)
    {
        foreach (var task in items)
        {
            task.Id = 0;
            task.NeuronKey = NeuronKey.Of(task.Layer, task.Index);
            tasks.Insert(task);
        }
    }

    internal void Update(RatingTask task) => tasks.Update(task);

    internal void DeleteForStudy(long studyId) => tasks.DeleteMany(t => t.StudyId == studyId);

    internal static void ValidateCandidates(RatingTask task)
    {
        ArgumentNullException.ThrowIfNull(task);
        if (task.Candidates.Count != RatingRules.CandidatesPerTask)
            throw new StorageException($"The task for neuron {task.Neuron} has {task.Candidates.Count} candidates; a task needs {RatingRules.CandidatesPerTask}.");
        if (task.Candidates.Any(c => string.IsNullOrWhiteSpace(c.Text)))
            throw new StorageException($"A candidate explanation of neuron {task.Neuron} is empty.");
        var repeated = task.Candidates.GroupBy(c => c.ExplanationId).FirstOrDefault(g => g.Count() > 1);
        if (repeated is not null)
            throw new StorageException($"Explanation {repeated.Key} is a candidate of neuron {task.Neuron} twice.");
    }
}
