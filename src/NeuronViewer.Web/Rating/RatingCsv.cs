using System.Globalization;
using NeuronViewer.Storage.Rating;

namespace NeuronViewer.Web.Rating;

/// <summary>CSV exports of a study (RFC 4180; text that a spreadsheet would run as a formula is prefixed with an apostrophe).</summary>
public static class RatingCsv
{
    /// <summary>One row per submitted revision and candidate: who, when, which explanation (with its source), rating and rank.</summary>
    public static void WriteRatings(TextWriter w, Study study, IReadOnlyList<RatingTask> tasks, IReadOnlyList<RatingSubmission> submissions)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(study);
        Row(w, "study_id", "study", "task_id", "layer", "index", "annotator_id", "annotator", "revision", "is_current", "started_at", "submitted_at",
            "candidate", "shown_as", "explanation_id", "source", "explanation", "rating", "rank", "none_fits", "comment");
        var byId = tasks.ToDictionary(t => t.Id);
        foreach (var s in submissions)
        {
            if (!byId.TryGetValue(s.TaskId, out var task))
                continue;
            for (var c = 0; c < task.Candidates.Count && c < s.Ratings.Count; c++)
            {
                var candidate = task.Candidates[c];
                var shown = s.PresentationOrder.IndexOf(c);
                Row(w, N(study.Id), Text(study.Name), N(task.Id), N(task.Layer), N(task.Index), Text(s.AnnotatorId), Text(s.AnnotatorName), N(s.Revision),
                    s.IsCurrent ? "true" : "false", Time(s.StartedAt), Time(s.SubmittedAt), N(c + 1), shown < 0 ? "" : ((char)('A' + shown)).ToString(),
                    N(candidate.ExplanationId), Text(candidate.Describe()), Text(candidate.Text), N(s.Ratings[c]), N(s.RankOf(c)),
                    s.NoneFits ? "true" : "false", Text(s.Comment ?? ""));
            }
        }
    }

    /// <summary>One row per neuron and candidate: mean rating and rank, scores, and the neuron's agreement figures.</summary>
    public static void WriteSummary(TextWriter w, long studyId, StudyResults results)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(results);
        Row(w, "study_id", "layer", "index", "candidate", "explanation_id", "source", "explanation", "mean_rating", "mean_rank", "ratings",
            "ev_correlation_top_and_random", "ev_correlation_random_only", "ablation_score", "compared_score", "neuron_spearman", "neuron_kendall_tau_b",
            "neuron_pairwise_agreement", "neuron_alpha_interval", "raters", "none_fits");
        foreach (var n in results.Neurons)
        {
            foreach (var c in n.Candidates)
            {
                Row(w, N(studyId), N(n.Task.Layer), N(n.Task.Index), N(c.Position + 1), N(c.Candidate.ExplanationId), Text(c.Candidate.Describe()),
                    Text(c.Candidate.Text), N(c.MeanRating), N(c.MeanRank), N(c.RatingCount), N(c.Scores.TopAndRandom), N(c.Scores.RandomOnly),
                    N(c.Scores.Ablation), results.Score.ToString(), N(n.Agreement.Spearman), N(n.Agreement.KendallTauB),
                    N(n.Agreement.Pairwise.Agreement), N(n.AlphaInterval), N(n.Raters), N(n.NoneFits));
            }
        }
    }

    /// <summary>A CSV field: quoted when it holds a comma, quote or line break.</summary>
    public static string Field(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }

    /// <summary>Free text for a spreadsheet: a leading = + - @ or tab is neutralised with an apostrophe.</summary>
    public static string Text(string value) => value.Length > 0 && "=+-@\t\r".Contains(value[0], StringComparison.Ordinal) ? "'" + value : value;

    private static string N(double? value) => value is { } v && double.IsFinite(v) ? v.ToString("R", CultureInfo.InvariantCulture) : "";

    private static string N(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Time(DateTimeOffset t) => t.ToUniversalTime().ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);

    private static void Row(TextWriter w, params string[] fields)
    {
        w.Write(string.Join(",", fields.Select(Field)));
        w.Write("\r\n");
    }
}
