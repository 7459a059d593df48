using NeuronViewer.Storage.Rating;
using NeuronViewer.Web.Rating;

namespace NeuronViewer.Web.Api;

/// <summary>One line of <c>GET /api/rate</c>: a task of the signed-in annotator, where they are with it, and its address.</summary>
public sealed record RateQueueRow(long StudyId, string Study, bool Open, int Layer, int Index, TaskProgress Progress, int? Revision, string Url)
{
    internal static RateQueueRow From(QueueItem q) => new(
        q.Study.Id, q.Study.Name, q.Study.State == StudyState.Open, q.Task.Layer, q.Task.Index, q.Progress, q.Current?.Revision,
        RateApi.TaskUrl(q.Study.Id, q.Task.Layer, q.Task.Index));
}

/// <summary>A candidate explanation as the annotator sees it: its letter and text (never its source or scores).</summary>
public sealed record RateCandidate(string Letter, string Text);

/// <summary>An excerpt shown on the form: top-activating or random, its tokens and the neuron's activation at each.</summary>
public sealed record RateExcerpt(ExcerptKind Kind, IReadOnlyList<string> Tokens, IReadOnlyList<double> Activations);

/// <summary>The annotator's current submission: ratings by letter (A first), ranking as letters (best first).</summary>
public sealed record RateSubmitted(long Id, int Revision, IReadOnlyList<int> Ratings, IReadOnlyList<string> Ranking, string? Comment, bool NoneFits, DateTimeOffset SubmittedAt);

/// <summary>
/// <c>GET /api/rate/{studyId}/{layer}/{index}</c>: what the rating form shows — instructions, scale, the candidates by letter in
/// this annotator's presentation order, the excerpts — and the current submission, if any.
/// </summary>
public sealed record RateTaskResponse(
    long StudyId, string Study, string Instructions, int Layer, int Index, int ScaleMin, int ScaleMax, bool ReadOnly,
    IReadOnlyList<RateCandidate> Candidates, IReadOnlyList<RateExcerpt> Excerpts, RateSubmitted? Current);

/// <summary>
/// The body of <c>POST /api/rate/{studyId}/{layer}/{index}</c>: a rating per candidate in letter order (A first), the ranking
/// as letters (best first, every letter once), an optional comment and the "none fits" flag.
/// </summary>
public sealed record RateRequest(IReadOnlyList<int?>? Ratings, IReadOnlyList<string>? Ranking, string? Comment = null, bool NoneFits = false);
