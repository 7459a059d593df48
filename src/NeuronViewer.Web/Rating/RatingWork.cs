using NeuronViewer.Core.Records;
using NeuronViewer.Storage;
using NeuronViewer.Storage.Rating;

namespace NeuronViewer.Web.Rating;

/// <summary>Where an annotator is with a task.</summary>
public enum TaskProgress
{
    New,
    InProgress,
    Submitted,
}

/// <summary>One line of an annotator's queue.</summary>
public sealed record QueueItem(Study Study, RatingTask Task, TaskProgress Progress, RatingSubmission? Current, bool HasDraft);

/// <summary>Everything the rating form needs for one annotator and task; <see cref="ReadOnly"/> when the study is closed.</summary>
public sealed record TaskView(
    Study Study, RatingTask Task, int TaskCount, IReadOnlyList<ShownExcerpt> Excerpts, RatingFormState State,
    RatingSubmission? Current, bool FromDraft, bool ReadOnly);

/// <summary>The annotator's side of rating: their queue, one task's form state (draft, else current submission), drafts and submits.</summary>
public sealed class RatingWork(NeuronViewerStore store)
{
    /// <summary>
    /// Submits wait here asynchronously: the store serialises writes with a lock, and many annotators submitting at once must not
    /// each hold a request thread blocked on it (that starves the thread pool and stalls every other user's requests).
    /// </summary>
    private readonly SemaphoreSlim submits = new(1, 1);

    /// <summary>The annotator's tasks in studies that are open or closed (not those still being set up), by study then queue order.</summary>
    public IReadOnlyList<QueueItem> Queue(string annotatorId)
    {
        var studies = new Dictionary<long, Study?>();
        var drafts = store.RatingDrafts.ForAnnotator(annotatorId).Select(d => d.TaskId).ToHashSet();
        var current = store.Ratings.CurrentForAnnotator(annotatorId).ToDictionary(r => r.TaskId);
        var items = new List<QueueItem>();
        foreach (var task in store.RatingTasks.ForAnnotator(annotatorId))
        {
            if (!studies.TryGetValue(task.StudyId, out var study))
                studies[task.StudyId] = study = store.Studies.Get(task.StudyId);
            if (study is null || study.State == StudyState.Draft)
                continue;
            var submitted = current.GetValueOrDefault(task.Id);
            var hasDraft = drafts.Contains(task.Id);
            var progress = hasDraft && submitted is null ? TaskProgress.InProgress : submitted is null ? TaskProgress.New : TaskProgress.Submitted;
            items.Add(new QueueItem(study, task, progress, submitted, hasDraft));
        }
        return items;
    }

    /// <summary>The next task to do in an open study: the first not submitted after <paramref name="afterTaskId"/> in queue order, wrapping round.</summary>
    public QueueItem? Next(string annotatorId, long? afterTaskId = null)
    {
        var open = Queue(annotatorId).Where(q => q.Study.State == StudyState.Open).ToList();
        var start = afterTaskId is { } id ? open.FindIndex(q => q.Task.Id == id) + 1 : 0;
        return open.Skip(start).Concat(open.Take(start)).FirstOrDefault(q => q.Progress != TaskProgress.Submitted && q.Task.Id != afterTaskId);
    }

    /// <summary>
    /// The annotator's task for a neuron (in <paramref name="studyId"/> when given, else the first open study that has one), with
    /// its excerpts and the form state restored from the draft or the current submission; null with a reason when there is none.
    /// </summary>
    public (TaskView? View, string? Problem) Open(string annotatorId, NeuronId neuron, long? studyId = null)
    {
        var candidates = Queue(annotatorId).Where(q => q.Task.Neuron == neuron && (studyId is null || q.Study.Id == studyId))
            .OrderBy(q => q.Study.State == StudyState.Open ? 0 : 1).ThenByDescending(q => q.Study.Id).ToList();
        if (candidates.Count == 0)
            return (null, $"You have no rating task for neuron {neuron}{(studyId is null ? "" : $" in study {studyId}")}.");
        var (study, task) = (candidates[0].Study, candidates[0].Task);
        var stored = store.Records.Get(task.Neuron);
        if (stored is null)
            return (null, $"The excerpts of neuron {neuron} are no longer stored; ask the study's researcher.");
        IReadOnlyList<ShownExcerpt> excerpts;
        try
        {
            excerpts = TaskExcerpts.For(stored.Record, study.ExamplesPerSplit, task.Id);
        }
        catch (ArgumentException e)
        {
            return (null, $"The excerpts of neuron {neuron} cannot be shown: {e.Message}");
        }
        var draft = store.RatingDrafts.Get(task.Id, annotatorId);
        var current = store.Ratings.Current(task.Id, annotatorId);
        var order = draft is not null && RatingRules.IsPermutation(draft.PresentationOrder, task.Candidates.Count)
            ? draft.PresentationOrder
            : current?.PresentationOrder is { } shown && RatingRules.IsPermutation(shown, task.Candidates.Count)
                ? shown
                : [.. SeededOrder.Candidates(annotatorId, task.Id, task.Candidates.Count)];
        var state = new RatingFormState(order);
        if (draft is not null)
            state.Load(draft.Ratings, draft.Ranking, draft.Comment, draft.NoneFits);
        else if (current is not null)
            state.Load(current.Ratings.Select(r => (int?)r).ToList(), current.Ranking, current.Comment, current.NoneFits);
        var view = new TaskView(study, task, study.TaskCount, excerpts, state, current, draft is not null, study.State != StudyState.Open);
        return (view, null);
    }

    /// <summary>Saves the form state as the annotator's draft.</summary>
    public RatingDraft SaveDraft(long taskId, string annotatorId, RatingFormState state) =>
        store.RatingDrafts.Save(state.ToDraft(taskId, annotatorId));

    /// <summary>Drops the annotator's draft (their submitted rating, if any, stays).</summary>
    public void DiscardDraft(long taskId, string annotatorId) => store.RatingDrafts.Delete(taskId, annotatorId);

    /// <summary>Submits the form state as the annotator's next revision (callers check <see cref="RatingFormState.Problems"/> first); one submit writes at a time.</summary>
    public async Task<RatingSubmission> SubmitAsync(long taskId, string annotatorId, string annotatorName, RatingFormState state, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(state);
        var submission = state.ToSubmission(taskId, annotatorId, annotatorName);
        await submits.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return store.Ratings.Submit(submission);
        }
        finally
        {
            submits.Release();
        }
    }
}
