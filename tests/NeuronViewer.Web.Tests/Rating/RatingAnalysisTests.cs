using NeuronViewer.Core.Records;
using NeuronViewer.Storage.Explanations;
using NeuronViewer.Storage.Rating;
using NeuronViewer.Web.Rating;

namespace NeuronViewer.Web.Tests.Rating;

/// <summary>The results glue against small cases worked out by hand.</summary>
public class RatingAnalysisTests
{
    private static RatingTask Task(long id, int neuron) => new()
    {
        Id = id, Neuron = new NeuronId(0, neuron),
        Candidates = Enumerable.Range(0, 5).Select(i => new TaskCandidate { ExplanationId = (id * 10) + i, Text = $"e{i}", Source = ExplanationSource.Explainer }).ToList(),
    };

    private static RatingSubmission Rated(long task, string annotator, params int[] ratings) => new()
    {
        TaskId = task, AnnotatorId = annotator, Ratings = [.. ratings], IsCurrent = true,
        Ranking = [.. Enumerable.Range(0, ratings.Length).OrderByDescending(c => ratings[c]).ThenBy(c => c)],
    };

    private static CandidateScores[] Scores(params double?[] topAndRandom) => [.. topAndRandom.Select(s => new CandidateScores(s, null, null))];

    [Fact]
    public void One_neuron_two_annotators_gives_the_hand_computed_means_ranks_correlations_and_alpha()
    {
        // Ratings (1,2,3,4,5) and (2,1,3,5,4): means 1.5 1.5 3 4.5 4.5; ranks (5,4,3,2,1) and (4,5,3,1,2): means 4.5 4.5 3 1.5 1.5.
        // Scores 0.1…0.5. ρ = Σdxdy / √(Σdx²Σdy²) = 9 / √(10·9) = 0.9487; τ-b = (8 − 0) / √(10·8) = 0.8944; pairwise 8 of 8.
        // α interval: D_o = (2+2+0+2+2)/10 = 0.8; D_e = (2·10·110 − 2·30²)/(10·9) = 400/90; α = 1 − 0.8·90/400 = 0.82.
        var task = Task(1, 1);
        var input = new TaskRatings(task, Scores(0.1, 0.2, 0.3, 0.4, 0.5), [Rated(1, "a", 1, 2, 3, 4, 5), Rated(1, "b", 2, 1, 3, 5, 4)]);

        var n = RatingAnalysis.Neuron(input, ComparedScore.TopAndRandom);

        Assert.Equal([1.5, 1.5, 3, 4.5, 4.5], n.Candidates.Select(c => c.MeanRating!.Value));
        Assert.Equal([4.5, 4.5, 3, 1.5, 1.5], n.Candidates.Select(c => c.MeanRank!.Value));
        Assert.Equal(9 / Math.Sqrt(90), n.Agreement.Spearman, 12);
        Assert.Equal(8 / Math.Sqrt(80), n.Agreement.KendallTauB, 12);
        Assert.Equal((1.0, 8, 8, 2), (n.Agreement.Pairwise.Agreement, n.Agreement.Pairwise.ConcordantPairs, n.Agreement.Pairwise.PairsUsed, n.Agreement.Pairwise.TiedPairs));
        Assert.Equal(0.82, n.AlphaInterval, 12);
        Assert.Equal(2, n.Raters);
    }

    [Fact]
    public void Pooled_pairwise_agreement_counts_pairs_within_neurons_and_candidates_without_a_score_are_left_out()
    {
        // Neuron 1: scores rise with ratings (10 of 10 pairs agree). Neuron 2: scores fall as ratings rise except the last,
        // which has no score: 4 candidates, 6 pairs, all discordant. Pooled: 10 of 16.
        var one = new TaskRatings(Task(1, 1), Scores(0.1, 0.2, 0.3, 0.4, 0.5), [Rated(1, "a", 1, 2, 3, 4, 5)]);
        var two = new TaskRatings(Task(2, 2), Scores(0.9, 0.8, 0.7, 0.6, null), [Rated(2, "a", 1, 2, 3, 4, 5)]);

        var results = RatingAnalysis.Analyse([one, two], ComparedScore.TopAndRandom);

        Assert.Equal(1.0, results.Neurons[0].Agreement.Pairwise.Agreement);
        Assert.Equal(0.0, results.Neurons[1].Agreement.Pairwise.Agreement);
        Assert.Equal(-1.0, results.Neurons[1].Agreement.Spearman, 12);
        Assert.Equal(4, results.Neurons[1].Agreement.Items);
        Assert.Equal((10.0 / 16, 10, 16), (results.Pooled.Pairwise.Agreement, results.Pooled.Pairwise.ConcordantPairs, results.Pooled.Pairwise.PairsUsed));
        Assert.Equal(9, results.Pooled.Items);
        Assert.True(double.IsNaN(results.AlphaOrdinal.Alpha));
        Assert.Equal(0, results.AlphaOrdinal.UnitsUsed);
    }

    [Fact]
    public void Alpha_uses_every_task_with_missing_ratings_where_an_annotator_did_not_rate_it()
    {
        // Task 1 rated by a and b identically, task 2 by a and c identically, task 3 by a only (dropped: one rating per unit).
        // Perfect agreement on the pairable values → α = 1 at both levels; 10 units used, 20 pairable values.
        var t1 = new TaskRatings(Task(1, 1), Scores(), [Rated(1, "a", 1, 2, 3, 4, 5), Rated(1, "b", 1, 2, 3, 4, 5)]);
        var t2 = new TaskRatings(Task(2, 2), Scores(), [Rated(2, "a", 5, 5, 1, 1, 3), Rated(2, "c", 5, 5, 1, 1, 3)]);
        var t3 = new TaskRatings(Task(3, 3), Scores(), [Rated(3, "a", 2, 2, 2, 2, 2)]);

        var results = RatingAnalysis.Analyse([t1, t2, t3], ComparedScore.Ablation);

        Assert.Equal((1.0, 10, 20), (results.AlphaOrdinal.Alpha, results.AlphaOrdinal.UnitsUsed, results.AlphaOrdinal.PairableValues));
        Assert.Equal(1.0, results.AlphaInterval.Alpha);
        Assert.Equal((3, 5), (results.Annotators, results.Submissions));
        Assert.True(double.IsNaN(results.Pooled.Spearman));
        Assert.Equal(0, results.Pooled.Items);
    }

    [Fact]
    public void The_compared_score_can_be_random_only_or_ablation()
    {
        var scores = new CandidateScores[] { new(0.5, 0.1, -0.2), new(0.4, 0.2, 0.3), new(0.3, 0.3, 0.1), new(0.2, 0.4, null), new(0.1, 0.5, 0.6) };
        var input = new TaskRatings(Task(1, 1), scores, [Rated(1, "a", 1, 2, 3, 4, 5)]);

        Assert.Equal(-1.0, RatingAnalysis.Neuron(input, ComparedScore.TopAndRandom).Agreement.Spearman, 12);
        Assert.Equal(1.0, RatingAnalysis.Neuron(input, ComparedScore.RandomOnly).Agreement.Spearman, 12);
        // Ablation: items (−0.2,1) (0.3,2) (0.1,3) (0.6,5): pairs 6, discordant one (0.3 vs 0.1) → 5 of 6.
        Assert.Equal(5.0 / 6, RatingAnalysis.Neuron(input, ComparedScore.Ablation).Agreement.Pairwise.Agreement, 12);
    }
}
