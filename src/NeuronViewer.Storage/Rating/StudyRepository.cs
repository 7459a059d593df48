using LiteDB;

namespace NeuronViewer.Storage.Rating;

/// <summary>Human-rating studies with their tasks: created all at once, annotators assigned, opened and closed.</summary>
public sealed class StudyRepository
{
    internal const string CollectionName = "studies";
    private readonly LiteStore store;
    private readonly ILiteCollection<Study> studies;
    private readonly RatingTaskRepository tasks;
    private readonly ILiteCollection<RatingSubmission> submissions;
    private readonly ILiteCollection<RatingDraft> drafts;

    internal StudyRepository(LiteStore store, RatingTaskRepository tasks)
    {
        this.store = store;
        this.tasks = tasks;
        studies = store.Collection<Study>(CollectionName);
        submissions = store.Collection<RatingSubmission>(RatingRepository.CollectionName);
        drafts = store.Collection<RatingDraft>(RatingDraftRepository.CollectionName);
    }

    /// <summary>Stores a study (in Draft state) and its tasks in one transaction, tasks numbered in order and spread over the annotators; returns the study id.</summary>
    public long Create(Study study, IEnumerable<RatingTask> items)
    {
        ArgumentNullException.ThrowIfNull(study);
        ArgumentNullException.ThrowIfNull(items);
        var list = items.ToList();
        Validate(study);
        if (list.Count == 0)
            throw new StorageException($"The study “{study.Name}” has no tasks: choose at least one neuron with five candidate explanations.");
        foreach (var task in list)
            RatingTaskRepository.ValidateCandidates(task);
        var duplicate = list.GroupBy(t => t.Neuron).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
            throw new StorageException($"Neuron {duplicate.Key} appears twice in the study; a study has one task per neuron.");
        return store.Atomic(() =>
        {
            study.Id = 0;
            study.State = StudyState.Draft;
            study.TaskCount = list.Count;
            var id = studies.Insert(study).AsInt64;
            var assigned = TaskAssignment.Assign(list.Select(_ => (IReadOnlyList<string>)[]).ToList(), Ids(study), study.AnnotatorsPerTask);
            for (var i = 0; i < list.Count; i++)
            {
                list[i].StudyId = id;
                list[i].Number = i;
                list[i].AnnotatorIds = assigned[i];
            }
            tasks.Insert(list);
            return id;
        });
    }

    public Study? Get(long id) => studies.FindById(id);

    /// <summary>Every study, newest first.</summary>
    public IReadOnlyList<Study> List() => studies.Query().OrderByDescending(s => s.Id).ToList();

    /// <summary>Studies in one state, oldest first.</summary>
    public IReadOnlyList<Study> WithState(StudyState state) => studies.Find(s => s.State == state).OrderBy(s => s.Id).ToList();

    /// <summary>Changes name, instructions or scale; the scale only while nobody has submitted a rating.</summary>
    public Study Edit(long id, string name, string instructions, RatingScale scale) => store.Atomic(() =>
    {
        var study = Require(id);
        ArgumentNullException.ThrowIfNull(scale);
        var scaleChanged = scale.Min != study.Scale.Min || scale.Max != study.Scale.Max;
        if (scaleChanged && submissions.Exists(s => s.StudyId == id))
            throw new StorageException($"The scale of study “{study.Name}” cannot change: ratings on {study.Scale.Min}–{study.Scale.Max} were submitted.");
        study.Name = name;
        study.Instructions = instructions ?? "";
        study.Scale = scale.Copy();
        Validate(study);
        studies.Update(study);
        return study;
    });

    /// <summary>Sets the study's annotators and how many rate each task, and re-spreads the tasks (annotators keep tasks they have).</summary>
    public Study SetAnnotators(long id, IEnumerable<AnnotatorRef> annotators, int perTask) => store.Atomic(() =>
    {
        var study = Require(id);
        ArgumentNullException.ThrowIfNull(annotators);
        study.Annotators = annotators.DistinctBy(a => a.Id).ToList();
        study.AnnotatorsPerTask = perTask;
        Validate(study);
        studies.Update(study);
        var list = tasks.ForStudy(id);
        var assigned = TaskAssignment.Assign(list.Select(t => (IReadOnlyList<string>)t.AnnotatorIds).ToList(), Ids(study), perTask);
        for (var i = 0; i < list.Count; i++)
        {
            if (!list[i].AnnotatorIds.SequenceEqual(assigned[i]))
            {
                list[i].AnnotatorIds = assigned[i];
                tasks.Update(list[i]);
            }
        }
        return study;
    });

    /// <summary>Opens the study for ratings (from Draft, or again after closing); it needs annotators.</summary>
    public Study Open(long id) => store.Atomic(() =>
    {
        var study = Require(id);
        if (study.Annotators.Count == 0)
            throw new StorageException($"Study “{study.Name}” has no annotators; assign at least one before opening it.");
        study.State = StudyState.Open;
        study.OpenedAt ??= DateTimeOffset.UtcNow;
        study.ClosedAt = null;
        studies.Update(study);
        return study;
    });

    /// <summary>Closes the study: submissions become final and drafts can no longer be saved.</summary>
    public Study Close(long id) => store.Atomic(() =>
    {
        var study = Require(id);
        if (study.State != StudyState.Open)
            throw new StorageException($"Study “{study.Name}” is not open.");
        study.State = StudyState.Closed;
        study.ClosedAt = DateTimeOffset.UtcNow;
        studies.Update(study);
        return study;
    });

    /// <summary>Deletes a study with its tasks, drafts and submissions; false when it did not exist.</summary>
    public bool Delete(long id) => store.Atomic(() =>
    {
        if (studies.FindById(id) is null)
            return false;
        submissions.DeleteMany(s => s.StudyId == id);
        drafts.DeleteMany(d => d.StudyId == id);
        tasks.DeleteForStudy(id);
        return studies.Delete(id);
    });

    internal Study Require(long id) => studies.FindById(id) ?? throw new StorageException($"Study {id} does not exist.");

    private static List<string> Ids(Study study) => study.Annotators.Select(a => a.Id).ToList();

    private static void Validate(Study study)
    {
        if (string.IsNullOrWhiteSpace(study.Name))
            throw new StorageException("A study needs a name.");
        ArgumentNullException.ThrowIfNull(study.Scale);
        study.Scale.Validate();
        if (study.AnnotatorsPerTask < 1)
            throw new StorageException($"Annotators per task must be 1 or more (got {study.AnnotatorsPerTask}).");
        if (study.ExamplesPerSplit is < 1)
            throw new StorageException($"Excerpts per split must be 1 or more (got {study.ExamplesPerSplit}).");
        if (study.Annotators.Any(a => string.IsNullOrWhiteSpace(a.Id)))
            throw new StorageException("An annotator without an id cannot be assigned.");
    }
}
