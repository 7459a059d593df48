using NeuronViewer.Core.Agreement;
using NeuronViewer.Storage.Rating;

namespace NeuronViewer.Web.Rating;

/// <summary>Which automatic score human ratings are compared with.</summary>
public enum ComparedScore
{
    /// <summary>ev_correlation_score on the valid split's top and random excerpts.</summary>
    TopAndRandom,

    /// <summary>ev_correlation_score on random excerpts only.</summary>
    RandomOnly,

    /// <summary>Ablation score (top and random).</summary>
    Ablation,
}

/// <summary>A candidate's automatic scores (null when not computed).</summary>
public sealed record CandidateScores(double? TopAndRandom, double? RandomOnly, double? Ablation)
{
    public static CandidateScores None { get; } = new(null, null, null);

    public double? Get(ComparedScore score) => score switch
    {
        ComparedScore.TopAndRandom => TopAndRandom,
        ComparedScore.RandomOnly => RandomOnly,
        _ => Ablation,
    };
}

/// <summary>A task with its candidates' scores (in task order) and the current submissions.</summary>
public sealed record TaskRatings(RatingTask Task, IReadOnlyList<CandidateScores> Scores, IReadOnlyList<RatingSubmission> Submissions);

/// <summary>One candidate's human results next to its automatic scores.</summary>
public sealed record CandidateResult(int Position, TaskCandidate Candidate, double? MeanRating, double? MeanRank, int RatingCount, CandidateScores Scores);

/// <summary>Agreement between an automatic score and mean human ratings over <see cref="Items"/> explanations (NaN when undefined).</summary>
public sealed record ScoreAgreement(double Spearman, double KendallTauB, PairwiseAgreementResult Pairwise, int Items);

/// <summary>A neuron's results: candidates, how many rated it, "none fits" flags, and agreements.</summary>
public sealed record NeuronResult(RatingTask Task, IReadOnlyList<CandidateResult> Candidates, int Raters, int NoneFits, ScoreAgreement Agreement, double AlphaInterval);

/// <summary>
/// A study's results: per neuron, pooled agreement with the score (ρ and τ-b over every rated explanation of every neuron;
/// pairwise agreement over the within-neuron pairs of all neurons), and Krippendorff's α (units = task × candidate, coders =
/// annotators, missing ratings allowed).
/// </summary>
public sealed record StudyResults(
    ComparedScore Score, IReadOnlyList<NeuronResult> Neurons, ScoreAgreement Pooled, KrippendorffAlphaResult AlphaOrdinal,
    KrippendorffAlphaResult AlphaInterval, int Submissions, int Annotators);

/// <summary>Turns ratings and scores into the results page's numbers (spec §15.3 analysis), using Core's agreement statistics.</summary>
public static class RatingAnalysis
{
    public static StudyResults Analyse(IReadOnlyList<TaskRatings> tasks, ComparedScore score)
    {
        ArgumentNullException.ThrowIfNull(tasks);
        var neurons = tasks.Select(t => Neuron(t, score)).ToList();
        var pooledScores = new List<double>();
        var pooledRatings = new List<double>();
        foreach (var n in neurons)
        {
            foreach (var (s, r) in Paired(n.Candidates, score))
            {
                pooledScores.Add(s);
                pooledRatings.Add(r);
            }
        }
        var concordant = neurons.Sum(n => n.Agreement.Pairwise.ConcordantPairs);
        var used = neurons.Sum(n => n.Agreement.Pairwise.PairsUsed);
        var pairwise = new PairwiseAgreementResult(
            used == 0 ? double.NaN : (double)concordant / used, concordant, used,
            neurons.Sum(n => n.Agreement.Pairwise.TiedPairs), neurons.Sum(n => n.Agreement.Pairwise.ItemsWithoutValue));
        var pooled = new ScoreAgreement(
            RankCorrelation.Spearman(pooledScores, pooledRatings), RankCorrelation.KendallTauB(pooledScores, pooledRatings), pairwise, pooledScores.Count);
        var annotators = tasks.SelectMany(t => t.Submissions).Select(s => s.AnnotatorId).Distinct().Order(StringComparer.Ordinal).ToList();
        var units = tasks.SelectMany(t => Units(t, annotators)).ToList();
        return new StudyResults(
            score, neurons, pooled, KrippendorffAlpha.Compute(units, MeasurementLevel.Ordinal), KrippendorffAlpha.Compute(units, MeasurementLevel.Interval),
            tasks.Sum(t => t.Submissions.Count), annotators.Count);
    }

    /// <summary>One neuron: mean rating and mean rank (1 = best) per candidate, agreement of the score with the mean ratings, α (interval) within it.</summary>
    public static NeuronResult Neuron(TaskRatings task, ComparedScore score)
    {
        ArgumentNullException.ThrowIfNull(task);
        var subs = task.Submissions;
        var candidates = task.Task.Candidates.Select((c, i) =>
        {
            var ratings = subs.Where(s => i < s.Ratings.Count).Select(s => (double)s.Ratings[i]).ToList();
            var ranks = subs.Where(s => s.Ranking.Contains(i)).Select(s => (double)s.RankOf(i)).ToList();
            return new CandidateResult(i, c, Mean(ratings), Mean(ranks), ratings.Count, i < task.Scores.Count ? task.Scores[i] : CandidateScores.None);
        }).ToList();
        var paired = Paired(candidates, score).ToList();
        var xs = paired.Select(p => p.Score).ToList();
        var ys = paired.Select(p => p.Rating).ToList();
        var agreement = new ScoreAgreement(RankCorrelation.Spearman(xs, ys), RankCorrelation.KendallTauB(xs, ys), PairwiseAgreement.Compute(xs, ys), xs.Count);
        var annotators = subs.Select(s => s.AnnotatorId).Distinct().ToList();
        var alpha = KrippendorffAlpha.Compute(Units(task, annotators).ToList(), MeasurementLevel.Interval).Alpha;
        return new NeuronResult(task.Task, candidates, annotators.Count, subs.Count(s => s.NoneFits), agreement, alpha);
    }

    /// <summary>One unit per candidate: each annotator's rating or null when they did not rate the task.</summary>
    private static IEnumerable<IReadOnlyList<double?>> Units(TaskRatings task, IReadOnlyList<string> annotators)
    {
        var byAnnotator = task.Submissions.ToDictionary(s => s.AnnotatorId);
        for (var c = 0; c < task.Task.Candidates.Count; c++)
        {
            var candidate = c;
            yield return annotators.Select(a => byAnnotator.TryGetValue(a, out var s) && candidate < s.Ratings.Count ? (double?)s.Ratings[candidate] : null).ToList();
        }
    }

    private static IEnumerable<(double Score, double Rating)> Paired(IEnumerable<CandidateResult> candidates, ComparedScore score) =>
        candidates.Where(c => c.MeanRating is not null && c.Scores.Get(score) is { } s && double.IsFinite(s))
            .Select(c => (c.Scores.Get(score)!.Value, c.MeanRating!.Value));

    private static double? Mean(IReadOnlyList<double> values) => values.Count == 0 ? null : values.Average();
}
