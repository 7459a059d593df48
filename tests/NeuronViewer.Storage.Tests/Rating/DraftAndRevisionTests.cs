using NeuronViewer.Core.Records;
using NeuronViewer.Storage.Rating;

namespace NeuronViewer.Storage.Tests.Rating;

public sealed class DraftAndRevisionTests : IDisposable
{
    private static readonly NeuronId[] Neurons = [new(0, 1), new(0, 2), new(1, 3)];
    private readonly TempStore temp = new();
    private readonly long studyId;

    public DraftAndRevisionTests()
    {
        RatingSamples.Neurons(temp.Store, Neurons);
        studyId = RatingSamples.Study(temp.Store, Neurons, [RatingSamples.Ada, RatingSamples.Bo]);
    }

    private NeuronViewerStore Store => temp.Store;

    private RatingTask FirstTask => Store.RatingTasks.ForStudy(studyId)[0];

    public void Dispose() => temp.Dispose();

    [Fact]
    public void A_draft_survives_a_restart_with_partial_ratings_ranking_comment_and_flag()
    {
        var task = FirstTask;
        Store.RatingDrafts.Save(new RatingDraft
        {
            TaskId = task.Id, AnnotatorId = "u-ada", Ratings = [4, null, 2, null, null], Ranking = [0, 2],
            PresentationOrder = [3, 1, 0, 4, 2], Comment = "half way", NoneFits = true,
        });

        var draft = temp.Reopen().RatingDrafts.Get(task.Id, "u-ada");

        Assert.NotNull(draft);
        Assert.Equal([4, null, 2, null, null], draft.Ratings);
        Assert.Equal([0, 2], draft.Ranking);
        Assert.Equal([3, 1, 0, 4, 2], draft.PresentationOrder);
        Assert.Equal("half way", draft.Comment);
        Assert.True(draft.NoneFits);
        Assert.Equal(studyId, draft.StudyId);
        Assert.Null(Store.RatingDrafts.Get(task.Id, "u-bo"));
    }

    [Fact]
    public void Saving_again_replaces_the_draft_but_keeps_when_work_started()
    {
        var task = FirstTask;
        var first = Store.RatingDrafts.Save(new RatingDraft { TaskId = task.Id, AnnotatorId = "u-ada", Ratings = [1, null, null, null, null] });
        var started = first.StartedAt;
        Thread.Sleep(20);
        Store.RatingDrafts.Save(new RatingDraft { TaskId = task.Id, AnnotatorId = "u-ada", Ratings = [1, 2, null, null, null] });

        var draft = Store.RatingDrafts.Get(task.Id, "u-ada")!;
        Assert.Equal([1, 2, null, null, null], draft.Ratings);
        Assert.Equal(started, draft.StartedAt);
        Assert.True(draft.UpdatedAt > started);
        Assert.Single(Store.RatingDrafts.ForAnnotator("u-ada"));
    }

    [Fact]
    public void Submitting_stores_revision_1_and_removes_the_draft_and_its_start_time_carries_over()
    {
        var task = FirstTask;
        var draft = Store.RatingDrafts.Save(new RatingDraft { TaskId = task.Id, AnnotatorId = "u-ada", Ratings = [5, 4, 3, 2, 1] });

        var stored = Store.Ratings.Submit(RatingSamples.Complete(task, "u-ada", 5, 4, 3, 2, 1));

        Assert.Equal(1, stored.Revision);
        Assert.True(stored.IsCurrent);
        Assert.Equal(draft.StartedAt, stored.StartedAt);
        Assert.Equal("Ada", stored.AnnotatorName);
        Assert.Equal(task.Candidates.Select(c => c.ExplanationId), stored.ExplanationIds);
        Assert.Equal(task.Neuron, stored.Neuron);
        Assert.Null(Store.RatingDrafts.Get(task.Id, "u-ada"));
    }

    [Fact]
    public void Revising_keeps_every_revision_with_its_time_and_exactly_one_current()
    {
        var task = FirstTask;
        var first = Store.Ratings.Submit(RatingSamples.Complete(task, "u-ada", 5, 4, 3, 2, 1));
        Thread.Sleep(20);
        var revised = RatingSamples.Complete(task, "u-ada", 1, 2, 3, 4, 5);
        revised.Comment = "  changed my mind ";
        var second = Store.Ratings.Submit(revised);

        var store = temp.Reopen();
        var history = store.Ratings.History(task.Id, "u-ada");
        Assert.Equal([1, 2], history.Select(r => r.Revision));
        Assert.Equal([false, true], history.Select(r => r.IsCurrent));
        Assert.Equal(first.SubmittedAt, history[0].SubmittedAt);
        Assert.True(history[1].SubmittedAt > history[0].SubmittedAt);
        Assert.Equal([5, 4, 3, 2, 1], history[0].Ratings);
        var current = store.Ratings.Current(task.Id, "u-ada")!;
        Assert.Equal(second.Id, current.Id);
        Assert.Equal([4, 3, 2, 1, 0], current.Ranking);
        Assert.Equal("changed my mind", current.Comment);
        Assert.Single(store.Ratings.CurrentForStudy(studyId));
        Assert.Equal(2, store.Ratings.AllForStudy(studyId).Count);
    }

    [Fact]
    public void A_closed_study_refuses_revisions_and_drafts_and_keeps_what_was_submitted()
    {
        var task = FirstTask;
        Store.Ratings.Submit(RatingSamples.Complete(task, "u-ada", 5, 4, 3, 2, 1));
        Store.Studies.Close(studyId);

        var revise = Assert.Throws<StorageException>(() => Store.Ratings.Submit(RatingSamples.Complete(task, "u-ada", 1, 1, 1, 1, 1)));
        var draft = Assert.Throws<StorageException>(() => Store.RatingDrafts.Save(new RatingDraft { TaskId = task.Id, AnnotatorId = "u-ada", Ratings = [1, null, null, null, null] }));

        Assert.Equal("Study “pilot” is closed: its ratings can no longer change.", revise.Message);
        Assert.Equal(revise.Message, draft.Message);
        Assert.Equal([5, 4, 3, 2, 1], Store.Ratings.Current(task.Id, "u-ada")!.Ratings);
        Assert.Single(Store.Ratings.History(task.Id, "u-ada"));
    }

    [Fact]
    public void Only_assigned_annotators_of_an_open_study_can_save_or_submit()
    {
        var unassigned = Store.RatingTasks.ForStudy(studyId).First(t => !t.AnnotatorIds.Contains("u-cy"));
        var e = Assert.Throws<StorageException>(() => Store.Ratings.Submit(RatingSamples.Complete(unassigned, "u-cy", 5, 4, 3, 2, 1)));
        Assert.Equal("This task of study “pilot” is not assigned to you.", e.Message);

        var draftStudy = RatingSamples.Study(Store, [new NeuronId(0, 1)], [RatingSamples.Ada], open: false);
        var draftTask = Store.RatingTasks.ForStudy(draftStudy)[0];
        var notOpen = Assert.Throws<StorageException>(() => Store.RatingDrafts.Save(new RatingDraft { TaskId = draftTask.Id, AnnotatorId = "u-ada", Ratings = [null, null, null, null, null] }));
        Assert.Equal("Study “pilot” is not open for ratings yet.", notOpen.Message);
        Assert.Equal(0, Store.Ratings.Count());
    }

    [Theory]
    [InlineData(new[] { 5, 4, 3, 2 }, new[] { 0, 1, 2, 3 }, "Expected 5 ratings but got 4.")]
    [InlineData(new[] { 5, 4, 3, 2, 9 }, new[] { 4, 0, 1, 2, 3 }, "The rating 9 of explanation 5 is outside the scale 1–5.")]
    [InlineData(new[] { 5, 4, 3, 2, 1 }, new[] { 0, 1, 2, 3 }, "Rank all 5 explanations: explanation 5 is not ranked yet.")]
    [InlineData(new[] { 5, 4, 3, 2, 1 }, new[] { 0, 1, 2, 3, 3 }, "The ranking lists explanation 4 more than once.")]
    [InlineData(new[] { 5, 4, 3, 2, 1 }, new[] { 1, 0, 2, 3, 4 }, "The ranking puts explanation 2 above explanation 1, but explanation 1 has the higher rating: reorder them, or use “Order by my ratings”.")]
    public void An_incomplete_or_inconsistent_rating_is_refused_with_its_reason_and_nothing_changes(int[] ratings, int[] ranking, string message)
    {
        var task = FirstTask;
        var draft = Store.RatingDrafts.Save(new RatingDraft { TaskId = task.Id, AnnotatorId = "u-ada", Ratings = [5, 4, null, null, null] });
        var submission = RatingSamples.Complete(task, "u-ada", 5, 4, 3, 2, 1);
        submission.Ratings = [.. ratings];
        submission.Ranking = [.. ranking];

        var e = Assert.Throws<StorageException>(() => Store.Ratings.Submit(submission));

        Assert.Equal(message, e.Message);
        Assert.Equal(0, Store.Ratings.Count());
        Assert.Equal(draft.Ratings, Store.RatingDrafts.Get(task.Id, "u-ada")!.Ratings);
    }

    [Fact]
    public void Equal_ratings_may_be_ranked_either_way()
    {
        var task = FirstTask;
        var submission = RatingSamples.Complete(task, "u-ada", 3, 3, 3, 1, 1);
        submission.Ranking = [2, 0, 1, 4, 3];
        Assert.Equal([2, 0, 1, 4, 3], Store.Ratings.Submit(submission).Ranking);
    }

    [Fact]
    public void Progress_counts_assigned_submitted_and_drafted_tasks_per_annotator()
    {
        var tasks = Store.RatingTasks.ForStudy(studyId);
        Store.Ratings.Submit(RatingSamples.Complete(tasks[0], "u-ada", 5, 4, 3, 2, 1));
        Store.Ratings.Submit(RatingSamples.Complete(tasks[0], "u-ada", 5, 5, 3, 2, 1));
        Store.RatingDrafts.Save(new RatingDraft { TaskId = tasks[1].Id, AnnotatorId = "u-ada", Ratings = [1, null, null, null, null] });
        Store.RatingDrafts.Save(new RatingDraft { TaskId = tasks[2].Id, AnnotatorId = "u-bo", Ratings = [1, null, null, null, null] });

        var progress = Store.Ratings.Progress(studyId);

        Assert.Equal([new AnnotatorProgress(RatingSamples.Ada, 3, 1, 1), new AnnotatorProgress(RatingSamples.Bo, 3, 0, 1)], progress);
    }
}
