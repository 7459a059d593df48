using LiteDB;

namespace NeuronViewer.Storage.Rating;

/// <summary>Submitted ratings: one current submission per annotator and task, each re-submit a new revision (history kept) until the study closes.</summary>
public sealed class RatingRepository
{
    internal const string CollectionName = "ratings";
    private readonly LiteStore store;
    private readonly ILiteCollection<RatingSubmission> ratings;
    private readonly ILiteCollection<RatingDraft> drafts;

    internal RatingRepository(LiteStore store)
    {
        this.store = store;
        ratings = store.Collection<RatingSubmission>(CollectionName);
        ratings.EnsureIndex(r => r.TaskId);
        ratings.EnsureIndex(r => r.StudyId);
        ratings.EnsureIndex(r => r.AnnotatorId);
        drafts = store.Collection<RatingDraft>(RatingDraftRepository.CollectionName);
    }

    /// <summary>
    /// Stores a complete rating as the annotator's next revision of the task (the previous one stays in the history), and
    /// removes their draft, in one transaction. Refused with a one-line message when the study is not open, the annotator is
    /// not assigned, or the rating is incomplete (see <see cref="RatingRules"/>).
    /// </summary>
    public RatingSubmission Submit(RatingSubmission submission)
    {
        ArgumentNullException.ThrowIfNull(submission);
        return store.Atomic(() =>
        {
            var (task, study) = RequireOpenAssigned(store, submission.TaskId, submission.AnnotatorId);
            var count = task.Candidates.Count;
            var problems = RatingRules.Problems(study.Scale, count, submission.Ratings.Select(r => (int?)r).ToList(), submission.Ranking);
            if (problems.Count > 0)
                throw new StorageException(problems[0]);
            if (!RatingRules.IsPermutation(submission.PresentationOrder, count))
                throw new StorageException($"The presentation order must list each of the {count} candidates once.");
            var previous = ratings.Find(r => r.TaskId == task.Id && r.AnnotatorId == submission.AnnotatorId).ToList();
            foreach (var old in previous.Where(r => r.IsCurrent))
            {
                old.IsCurrent = false;
                ratings.Update(old);
            }
            var draft = drafts.FindById(RatingDraft.KeyOf(task.Id, submission.AnnotatorId));
            submission.Id = 0;
            submission.StudyId = study.Id;
            (submission.Layer, submission.Index) = (task.Layer, task.Index);
            submission.AnnotatorName = study.Annotator(submission.AnnotatorId)?.Name ?? submission.AnnotatorName;
            submission.ExplanationIds = task.Candidates.Select(c => c.ExplanationId).ToList();
            submission.Revision = previous.Count == 0 ? 1 : previous.Max(r => r.Revision) + 1;
            submission.IsCurrent = true;
            submission.SubmittedAt = DateTimeOffset.UtcNow;
            if (submission.StartedAt == default)
                submission.StartedAt = draft?.StartedAt ?? submission.SubmittedAt;
            submission.Comment = string.IsNullOrWhiteSpace(submission.Comment) ? null : submission.Comment.Trim();
            ratings.Insert(submission);
            if (draft is not null)
                drafts.Delete(draft.Id);
            return submission;
        });
    }

    /// <summary>The annotator's current submission for a task, or null.</summary>
    public RatingSubmission? Current(long taskId, string annotatorId) =>
        ratings.FindOne(r => r.TaskId == taskId && r.AnnotatorId == annotatorId && r.IsCurrent);

    /// <summary>Every revision of the annotator's rating of a task, oldest first.</summary>
    public IReadOnlyList<RatingSubmission> History(long taskId, string annotatorId) =>
        ratings.Find(r => r.TaskId == taskId && r.AnnotatorId == annotatorId).OrderBy(r => r.Revision).ToList();

    /// <summary>The current submissions of a study (one per annotator and task).</summary>
    public IReadOnlyList<RatingSubmission> CurrentForStudy(long studyId) =>
        ratings.Find(r => r.StudyId == studyId && r.IsCurrent).OrderBy(r => r.TaskId).ThenBy(r => r.Id).ToList();

    /// <summary>Every revision in a study, in submission order.</summary>
    public IReadOnlyList<RatingSubmission> AllForStudy(long studyId) => ratings.Find(r => r.StudyId == studyId).OrderBy(r => r.Id).ToList();

    /// <summary>An annotator's current submissions in every study.</summary>
    public IReadOnlyList<RatingSubmission> CurrentForAnnotator(string annotatorId) =>
        ratings.Find(r => r.AnnotatorId == annotatorId && r.IsCurrent).ToList();

    /// <summary>Every revision of every study, in submission order (for export).</summary>
    public IEnumerable<RatingSubmission> All() => ratings.Query().OrderBy(r => r.Id).ToEnumerable();

    public int Count() => ratings.Count();

    /// <summary>Tasks assigned, submitted and in draft per annotator of a study.</summary>
    public IReadOnlyList<AnnotatorProgress> Progress(long studyId)
    {
        var study = store.Collection<Study>(StudyRepository.CollectionName).FindById(studyId)
            ?? throw new StorageException($"Study {studyId} does not exist.");
        var tasks = store.Collection<RatingTask>(RatingTaskRepository.CollectionName).Find(t => t.StudyId == studyId).ToList();
        var submitted = CurrentForStudy(studyId).ToLookup(r => r.AnnotatorId);
        var drafting = drafts.Find(d => d.StudyId == studyId).ToLookup(d => d.AnnotatorId);
        return study.Annotators.Select(a =>
        {
            var mine = tasks.Where(t => t.AnnotatorIds.Contains(a.Id)).Select(t => t.Id).ToHashSet();
            var done = submitted[a.Id].Select(r => r.TaskId).Where(mine.Contains).ToHashSet();
            var draft = drafting[a.Id].Count(d => mine.Contains(d.TaskId) && !done.Contains(d.TaskId));
            return new AnnotatorProgress(a, mine.Count, done.Count, draft);
        }).ToList();
    }

    /// <summary>The task and its study when the study is open and the annotator is assigned to the task; a StorageException otherwise.</summary>
    internal static (RatingTask Task, Study Study) RequireOpenAssigned(LiteStore store, long taskId, string annotatorId)
    {
        if (string.IsNullOrWhiteSpace(annotatorId))
            throw new StorageException("A rating needs the annotator who made it.");
        var task = store.Collection<RatingTask>(RatingTaskRepository.CollectionName).FindById(taskId)
            ?? throw new StorageException($"Rating task {taskId} does not exist.");
        var study = store.Collection<Study>(StudyRepository.CollectionName).FindById(task.StudyId)
            ?? throw new StorageException($"The study of task {taskId} does not exist.");
        if (study.State != StudyState.Open)
        {
            throw new StorageException(study.State == StudyState.Closed
                ? $"Study “{study.Name}” is closed: its ratings can no longer change."
                : $"Study “{study.Name}” is not open for ratings yet.");
        }
        if (!task.AnnotatorIds.Contains(annotatorId))
            throw new StorageException($"This task of study “{study.Name}” is not assigned to you.");
        return (task, study);
    }
}
