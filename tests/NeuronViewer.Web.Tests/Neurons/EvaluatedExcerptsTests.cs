using NeuronViewer.Core.Records;
using NeuronViewer.Storage.Scores;
using NeuronViewer.Web.Neurons;

namespace NeuronViewer.Web.Tests.Neurons;

public class EvaluatedExcerptsTests
{
    private static ScoredSequenceSimulation Scored(ActivationRecord r) =>
        new(new SequenceSimulation(r.Tokens, r.Activations.Select(a => a + 1).ToArray(), ActivationScale.NeuronActivations, [], []), r.Activations, 0.5);

    [Fact]
    public void Failed_excerpts_go_back_to_their_places_with_real_activations_from_the_record_and_groups_are_named()
    {
        var record = NeuronSeed.Record(new NeuronId(0, 1));
        var evaluated = record.MostPositiveActivationRecords.Concat(record.RandomSample).ToList();
        var simulation = new ScoredSimulation(evaluated.Where((_, i) => i is not 1 and not 6).Select(Scored).ToList(), 0.5, null, null);
        List<FailedSequence> failures =
        [
            new() { SequenceIndex = 6, Tokens = [.. evaluated[6].Tokens], Reason = "no numbers", RawResponse = "sorry" },
            new() { SequenceIndex = 1, Tokens = [.. evaluated[1].Tokens], Reason = "too few numbers" },
            new() { SequenceIndex = -3, Tokens = ["calibration"], Reason = "calibration split: timed out" },
        ];

        var excerpts = EvaluatedExcerpts.Build(simulation, failures, record);

        Assert.Equal(evaluated.Count, excerpts.Count);
        Assert.Equal(evaluated.Select(e => e.Tokens), excerpts.Select(e => e.Real.Tokens));
        Assert.Equal([1, 6], excerpts.Select((e, i) => (e, i)).Where(x => x.e.IsFailed).Select(x => x.i));
        Assert.Equal(evaluated[6].Activations, excerpts[6].Real.Activations);
        Assert.Equal(("no numbers", "sorry"), (excerpts[6].FailureReason, excerpts[6].RawResponse));
        Assert.Equal(Enumerable.Repeat("Top", 4).Concat(Enumerable.Repeat("Random", 4)), excerpts.Select(e => e.GroupLabel));
    }

    [Fact]
    public void Without_the_record_a_failed_excerpt_has_unknown_activations_not_zeros_and_no_group()
    {
        var record = NeuronSeed.Record(new NeuronId(0, 1));
        var top = record.MostPositiveActivationRecords;
        var simulation = new ScoredSimulation([Scored(top[0])], 0.5, null, null);
        var excerpts = EvaluatedExcerpts.Build(simulation, [new() { SequenceIndex = 1, Tokens = [.. top[1].Tokens], Reason = "bad" }], record: null);

        Assert.Equal(2, excerpts.Count);
        Assert.All(excerpts[1].Real.Activations, a => Assert.True(double.IsNaN(a)));
        Assert.All(excerpts, e => Assert.Null(e.GroupLabel));
    }

    [Fact]
    public void An_excerpt_that_is_both_a_top_and_a_random_excerpt_does_not_move_the_boundary_between_the_groups()
    {
        var record = NeuronSeed.Record(new NeuronId(0, 1));
        // The random sample drew two of the top excerpts (a small corpus): they are random excerpts in the evaluated set too.
        var random = record.RandomSample.Take(2).Concat(record.MostPositiveActivationRecords.Take(2)).ToList();
        record = record with { RandomSample = random };
        var evaluated = record.MostPositiveActivationRecords.Concat(random).ToList();
        var excerpts = EvaluatedExcerpts.Build(new ScoredSimulation(evaluated.Select(Scored).ToList(), 0.5, null, null), [], record);

        Assert.Equal(Enumerable.Repeat("Top", 4).Concat(Enumerable.Repeat("Random", 4)), excerpts.Select(e => e.GroupLabel));
    }

    [Fact]
    public void Excerpts_that_are_not_top_then_random_are_left_unlabelled()
    {
        var record = NeuronSeed.Record(new NeuronId(0, 1));
        var evaluated = record.RandomSample.Concat(record.MostPositiveActivationRecords).ToList();
        var excerpts = EvaluatedExcerpts.Build(new ScoredSimulation(evaluated.Select(Scored).ToList(), 0.5, null, null), [], record);
        Assert.All(excerpts, e => Assert.Null(e.GroupLabel));
    }
}
