using LiteDB;

namespace NeuronViewer.Storage.Rating;

/// <summary>Annotators' drafts, one per annotator and task, saved while they work; a submit removes the draft.</summary>
public sealed class RatingDraftRepository
{
    internal const string CollectionName = "rating_drafts";
    private readonly LiteStore store;
    private readonly ILiteCollection<RatingDraft> drafts;

    internal RatingDraftRepository(LiteStore store)
    {
        this.store = store;
        drafts = store.Collection<RatingDraft>(CollectionName);
        drafts.EnsureIndex(d => d.AnnotatorId);
        drafts.EnsureIndex(d => d.StudyId);
    }

    /// <summary>Saves (or replaces) a draft of an assigned annotator while the study is open; keeps the first save's start time.</summary>
    public RatingDraft Save(RatingDraft draft)
    {
        ArgumentNullException.ThrowIfNull(draft);
        return store.Atomic(() =>
        {
            var (task, _) = RatingRepository.RequireOpenAssigned(store, draft.TaskId, draft.AnnotatorId);
            if (draft.Ratings.Count != task.Candidates.Count)
                throw new StorageException($"A draft of task {task.Id} needs {task.Candidates.Count} rating slots (got {draft.Ratings.Count}).");
            var id = RatingDraft.KeyOf(draft.TaskId, draft.AnnotatorId);
            var now = DateTimeOffset.UtcNow;
            var previous = drafts.FindById(id);
            draft.Id = id;
            draft.StudyId = task.StudyId;
            draft.StartedAt = previous?.StartedAt ?? (draft.StartedAt == default ? now : draft.StartedAt);
            draft.UpdatedAt = now;
            drafts.Upsert(draft);
            return draft;
        });
    }

    public RatingDraft? Get(long taskId, string annotatorId) => drafts.FindById(RatingDraft.KeyOf(taskId, annotatorId));

    /// <summary>An annotator's drafts in every study.</summary>
    public IReadOnlyList<RatingDraft> ForAnnotator(string annotatorId) => drafts.Find(d => d.AnnotatorId == annotatorId).ToList();

    public IReadOnlyList<RatingDraft> ForStudy(long studyId) => drafts.Find(d => d.StudyId == studyId).ToList();

    /// <summary>Drops a draft (e.g. "discard changes"); false when there was none.</summary>
    public bool Delete(long taskId, string annotatorId) => store.Atomic(() => drafts.Delete(RatingDraft.KeyOf(taskId, annotatorId)));
}
