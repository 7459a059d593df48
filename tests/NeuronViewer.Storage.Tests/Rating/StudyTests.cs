using NeuronViewer.Core.Records;
using NeuronViewer.Storage.Explanations;
using NeuronViewer.Storage.Rating;

namespace NeuronViewer.Storage.Tests.Rating;

public sealed class StudyTests : IDisposable
{
    private static readonly NeuronId[] Six = [new(0, 1), new(0, 2), new(0, 3), new(1, 1), new(1, 2), new(1, 3)];
    private readonly TempStore temp = new();

    private NeuronViewerStore Store => temp.Store;

    public void Dispose() => temp.Dispose();

    [Fact]
    public void A_study_of_the_explainers_candidates_has_one_task_per_neuron_with_its_five_explanations_in_order()
    {
        RatingSamples.Neurons(Store, Six);
        var id = RatingSamples.Study(Store, Six, [RatingSamples.Ada], perTask: 1, open: false);

        var study = temp.Reopen().Studies.Get(id)!;
        var tasks = Store.RatingTasks.ForStudy(id);
        Assert.Equal(StudyState.Draft, study.State);
        Assert.Equal(6, study.TaskCount);
        Assert.Equal("5 explainer samples", study.Composition);
        Assert.Equal(Six, tasks.Select(t => t.Neuron));
        Assert.Equal(Enumerable.Range(0, 6), tasks.Select(t => t.Number));
        Assert.Equal(Store.Explanations.ForNeuron(Six[2]).Select(e => e.Id), tasks[2].Candidates.Select(c => c.ExplanationId));
        Assert.Equal("idea 4 of 0:3", tasks[2].Candidates[4].Text);
        Assert.Equal([1, 5], Store.Studies.List().Select(s => s.Scale.Max).Prepend(1).Distinct());
    }

    [Fact]
    public void Tasks_are_spread_evenly_and_annotators_keep_their_tasks_when_one_is_added()
    {
        RatingSamples.Neurons(Store, Six);
        var id = RatingSamples.Study(Store, Six, [RatingSamples.Ada, RatingSamples.Bo, RatingSamples.Cy], perTask: 2, open: false);
        var before = Store.RatingTasks.ForStudy(id).Select(t => t.AnnotatorIds).ToList();
        Assert.All(before, a => Assert.Equal(2, a.Distinct().Count()));
        Assert.Equal([4, 4, 4], new[] { "u-ada", "u-bo", "u-cy" }.Select(a => before.Count(t => t.Contains(a))));

        Store.Studies.SetAnnotators(id, [RatingSamples.Ada, RatingSamples.Bo, RatingSamples.Cy, new AnnotatorRef("u-di", "Di")], 3);

        var after = Store.RatingTasks.ForStudy(id).Select(t => t.AnnotatorIds).ToList();
        for (var t = 0; t < 6; t++)
            Assert.Equal(before[t], after[t].Take(2));
        var load = new[] { "u-ada", "u-bo", "u-cy", "u-di" }.Select(a => after.Count(t => t.Contains(a))).ToList();
        Assert.Equal(18, load.Sum());
        Assert.All(load, n => Assert.InRange(n, 4, 5));
        Assert.Equal(load[3], Store.RatingTasks.ForAnnotator("u-di").Count);
    }

    [Fact]
    public void Neurons_that_cannot_make_a_task_are_skipped_with_the_reason_and_the_rest_planned()
    {
        RatingSamples.Neurons(Store, [new(0, 1)]);
        RatingSamples.Neurons(Store, [new(0, 2)], explanations: 3);
        Store.Explanations.Add(new StoredExplanation { Neuron = new NeuronId(5, 5), Text = "no record here" });
        var composer = new StudyComposer(Store);

        var plan = composer.Plan(new Study { Name = "s" }, new NeuronSelection { Neurons = [new(0, 1), new(0, 2), new(5, 5)] }, new CandidatePlan());

        Assert.Equal([new NeuronId(0, 1)], plan.Tasks.Select(t => t.Neuron));
        Assert.Equal(["0:2: 3 explainer explanations are stored; the plan needs 5.", "5:5: no neuron record (excerpts) is stored."], plan.Skipped);
    }

    [Fact]
    public void A_composed_plan_adds_baseline_human_and_control_candidates_from_another_neuron_deterministically()
    {
        RatingSamples.Neurons(Store, [new(0, 1), new(0, 2), new(1, 7)]);
        var composer = new StudyComposer(Store);
        var candidates = new CandidatePlan
        {
            ExplainerSamples = 2, TokenLookupBaseline = true, HumanWritten = true, Control = true,
            HumanTexts = new Dictionary<NeuronId, string> { [new(0, 1)] = " commas in lists " }, Author = "res",
        };
        StudyPlan Plan() => composer.Plan(new Study { Name = "s", Seed = 11 }, new NeuronSelection { Neurons = [new(0, 1)] }, candidates);

        var task = Assert.Single(Plan().Tasks);
        Assert.Equal(task.Candidates.Select(c => c.Text), Assert.Single(Plan().Tasks).Candidates.Select(c => c.Text));
        Assert.Equal([ExplanationSource.Explainer, ExplanationSource.Explainer, ExplanationSource.TokenLookupBaseline, ExplanationSource.HumanWritten, ExplanationSource.Control],
            task.Candidates.Select(c => c.Source));
        Assert.StartsWith("the tokens '", task.Candidates[2].Text);
        Assert.Equal("commas in lists", task.Candidates[3].Text);
        var control = task.Candidates[4];
        Assert.NotEqual(new NeuronId(0, 1), control.ControlFrom);
        Assert.Contains(Store.Explanations.ForNeuron(control.ControlFrom!.Value), e => e.Text == control.Text);
        Assert.Equal("2 explainer samples + token look-up baseline + human-written + control (random neuron)", candidates.Describe());

        var id = composer.Create(Plan());
        var stored = Store.RatingTasks.ForStudy(id)[0].Candidates;
        Assert.All(stored, c => Assert.NotEqual(0, c.ExplanationId));
        Assert.Equal(5 + 3, Store.Explanations.ForNeuron(new NeuronId(0, 1)).Count);
        Assert.Equal("res", Store.Explanations.Get(stored[3].ExplanationId)!.Author);
    }

    [Fact]
    public void A_plan_without_five_slots_and_a_study_without_annotators_are_refused_clearly()
    {
        RatingSamples.Neurons(Store, [new(0, 1)]);
        var composer = new StudyComposer(Store);
        var slots = Assert.Throws<StorageException>(() => composer.Plan(new Study { Name = "s" }, new NeuronSelection(), new CandidatePlan { ExplainerSamples = 3 }));
        Assert.Equal("The candidate plan gives 3 candidates (3 explainer samples); a task needs exactly 5.", slots.Message);

        var id = RatingSamples.Study(Store, [new(0, 1)], [], open: false);
        var open = Assert.Throws<StorageException>(() => Store.Studies.Open(id));
        Assert.Equal("Study “pilot” has no annotators; assign at least one before opening it.", open.Message);
    }

    [Fact]
    public void Candidates_can_be_replaced_while_the_study_is_a_draft_but_not_after_it_opens()
    {
        RatingSamples.Neurons(Store, [new(0, 1), new(0, 2)]);
        var composer = new StudyComposer(Store);
        var id = RatingSamples.Study(Store, [new(0, 1)], [RatingSamples.Ada], open: false);
        var task = Store.RatingTasks.ForStudy(id)[0];

        var replaced = composer.ReplaceCandidate(task.Id, 1, StudyComposer.HumanWritten(task.Neuron, "years", "res"));
        Assert.Equal("years", replaced.Candidates[1].Text);
        Assert.Equal(ExplanationSource.HumanWritten, Store.RatingTasks.Get(task.Id)!.Candidates[1].Source);

        var duplicate = Assert.Throws<StorageException>(() => composer.ReplaceCandidate(task.Id, 2, Store.Explanations.Get(task.Candidates[0].ExplanationId)!));
        Assert.Contains("is a candidate of neuron 0:1 twice", duplicate.Message);

        Store.Studies.Open(id);
        var e = Assert.Throws<StorageException>(() => composer.ReplaceCandidate(task.Id, 1, StudyComposer.HumanWritten(task.Neuron, "dates", "res")));
        Assert.StartsWith("Candidates can only change while the study is being set up", e.Message);
        Assert.DoesNotContain(Store.Explanations.ForNeuron(task.Neuron), x => x.Text == "dates");
    }

    [Fact]
    public void Filters_select_neurons_with_records_by_layer_up_to_the_limit()
    {
        RatingSamples.Neurons(Store, Six);
        var plan = new StudyComposer(Store).Plan(new Study { Name = "s" }, new NeuronSelection { Layer = 1, Limit = 2 }, new CandidatePlan());
        Assert.Equal([new NeuronId(1, 1), new NeuronId(1, 2)], plan.Tasks.Select(t => t.Neuron));
    }

    [Fact]
    public void Deleting_a_study_removes_its_tasks_drafts_and_ratings_but_not_the_explanations()
    {
        RatingSamples.Neurons(Store, [new(0, 1)]);
        var id = RatingSamples.Study(Store, [new(0, 1)], [RatingSamples.Ada]);
        var task = Store.RatingTasks.ForStudy(id)[0];
        Store.Ratings.Submit(RatingSamples.Complete(task, "u-ada", 1, 2, 3, 4, 5));
        Assert.Single(Store.RatingTasks.ForAnnotator("u-ada"));

        Assert.True(Store.Studies.Delete(id));

        Assert.Null(Store.Studies.Get(id));
        Assert.Empty(Store.RatingTasks.ForAnnotator("u-ada"));
        Assert.Equal(0, Store.Ratings.Count());
        Assert.Equal(5, Store.Explanations.ForNeuron(new NeuronId(0, 1)).Count);
    }
}
