using NeuronViewer.Storage.Rating;

namespace NeuronViewer.Storage.Tests.Rating;

public class RatingRulesTests
{
    private static readonly RatingScale Scale = RatingScale.Default;

    private static string Letter(int c) => ((char)('A' + c)).ToString();

    [Fact]
    public void Every_missing_rating_and_unranked_candidate_is_named_in_one_message_each()
    {
        var problems = RatingRules.Problems(Scale, 5, [3, null, 2, null, 5], [4, 0], Letter);
        Assert.Equal(["Rate every explanation: B and D have no rating yet.", "Rank all 5 explanations: B, C and D are not ranked yet."], problems);
    }

    [Fact]
    public void Order_by_ratings_puts_higher_ratings_first_and_keeps_the_current_order_among_equals()
    {
        // C and A share 4; the ranking had C before A. B and E share 2; neither ranked, so presentation order (E before B) decides.
        var order = RatingRules.OrderByRatings([4, 2, 4, 5, 2], [2, 0], [4, 1, 0, 2, 3]);
        Assert.Equal([3, 2, 0, 4, 1], order);
        Assert.Null(RatingRules.FirstConflict([4, 2, 4, 5, 2], order));
    }

    [Fact]
    public void A_conflict_is_a_pair_ranked_against_unequal_ratings()
    {
        Assert.Equal((1, 0), RatingRules.FirstConflict([5, 3, 3, 1, 1], [1, 0, 2, 3, 4]));
        Assert.Null(RatingRules.FirstConflict([5, 3, 3, 1, 1], [0, 2, 1, 4, 3]));
    }

    [Fact]
    public void A_scale_needs_one_label_per_value_or_none()
    {
        var scale = new RatingScale { Min = 0, Max = 10, Labels = ["bad", "good"] };
        Assert.Equal("The rating scale 0–10 needs 11 labels (one per value) or none; it has 2.", Assert.Throws<StorageException>(scale.Validate).Message);
        Assert.Equal("Partly", Scale.LabelOf(3));
        Assert.Null(new RatingScale { Min = 1, Max = 7 }.LabelOf(3));
    }

    [Fact]
    public void Seeded_orders_are_permutations_stable_per_key_and_vary_between_annotators()
    {
        var ada = SeededOrder.Candidates("u-ada", 42, 5);
        Assert.Equal(ada, SeededOrder.Candidates("u-ada", 42, 5));
        Assert.True(RatingRules.IsPermutation(ada, 5));
        var orders = Enumerable.Range(0, 60).Select(i => string.Join(",", SeededOrder.Candidates($"user-{i}", 42, 5))).ToList();
        Assert.True(orders.Distinct().Count() >= 25, $"only {orders.Distinct().Count()} distinct orders among 60 annotators");
        var firsts = Enumerable.Range(0, 600).Select(i => SeededOrder.Candidates($"user-{i}", 7, 5)[0]).GroupBy(x => x).Select(g => g.Count()).ToList();
        Assert.Equal(5, firsts.Count);
        Assert.All(firsts, n => Assert.InRange(n, 80, 160));
    }

    [Fact]
    public void Assignment_fills_tasks_from_the_least_loaded_annotators_in_turn()
    {
        var assigned = TaskAssignment.Assign([[], [], [], []], ["a", "b", "c"], 2);
        Assert.Equal([["a", "b"], ["c", "a"], ["b", "c"], ["a", "b"]], assigned);
        var removed = TaskAssignment.Assign(assigned, ["a", "c"], 2);
        Assert.Equal([["a", "c"], ["c", "a"], ["c", "a"], ["a", "c"]], removed);
        Assert.Equal([["a"], ["a"]], TaskAssignment.Assign([[], []], ["a"], 3));
    }
}
