using Microsoft.AspNetCore.Http.HttpResults;
using NeuronViewer.Core.Records;
using NeuronViewer.Storage;
using NeuronViewer.Storage.Rating;
using NeuronViewer.Web.Neurons;
using NeuronViewer.Web.Rating;
using NeuronViewer.Web.Security;

namespace NeuronViewer.Web.Api;

/// <summary>
/// The rating form over JSON, for annotators' own tools and load tests: <c>GET /api/rate</c> (my queue),
/// <c>GET /api/rate/{studyId}/{layer}/{index}</c> (the task as the form shows it) and <c>POST</c> to the same address (submit,
/// or submit a revision; needs <see cref="ApiRequests.ClientHeader"/>). Same service (<see cref="RatingWork"/>) and rules
/// (<see cref="RatingRules"/>) as the form; candidates are named by the letters the annotator sees.
/// </summary>
public static class RateApi
{
    /// <summary>The largest submit body accepted.</summary>
    public const int MaxBodyBytes = 64 * 1024;

    /// <summary>The address of a task.</summary>
    public static string TaskUrl(long studyId, int layer, int index) => $"/api/rate/{studyId}/{layer}/{index}";

    internal static void MapRating(this IEndpointRouteBuilder endpoints)
    {
        var rate = endpoints.MapGroup("/api/rate").RequireAuthorization(Policies.Annotate);
        rate.MapGet("", Queue).WithName("RatingQueue");
        rate.MapGet("/{studyId}/{layer}/{index}", Get).WithName("GetRatingTask");
        rate.MapPost("/{studyId}/{layer}/{index}", SubmitAsync).RequireClientHeader().WithName("SubmitRating");
    }

    private static Ok<List<RateQueueRow>> Queue(HttpContext context, RatingWork work) =>
        TypedResults.Ok(work.Queue(Annotator(context).Id).Select(RateQueueRow.From).ToList());

    private static Results<JsonHttpResult<RateTaskResponse>, ProblemHttpResult> Get(HttpContext context, string studyId, string layer, string index, RatingWork work)
    {
        var (view, problem) = Open(context, work, studyId, layer, index);
        if (view is null)
            return problem!;
        var state = view.State;
        var candidates = state.PresentationOrder.Select(p => new RateCandidate(state.Letter(p), view.Task.Candidates[p].Text)).ToList();
        var excerpts = view.Excerpts.Select(e => new RateExcerpt(e.Kind, e.Record.Tokens, e.Record.Activations)).ToList();
        return TypedResults.Json(new RateTaskResponse(
            view.Study.Id, view.Study.Name, view.Study.Instructions, view.Task.Layer, view.Task.Index, view.Study.Scale.Min, view.Study.Scale.Max,
            view.ReadOnly, candidates, excerpts, view.Current is { } c ? Submitted(c, state) : null), ApiJson.Options);
    }

    private static async Task<Results<JsonHttpResult<RateSubmitted>, ProblemHttpResult>> SubmitAsync(
        HttpContext context, string studyId, string layer, string index, RatingWork work)
    {
        var opened = Open(context, work, studyId, layer, index);
        if (opened.View is not { } view)
            return opened.Problem!;
        var (body, bad) = await ApiRequests.ReadJsonAsync<RateRequest>(context.Request, MaxBodyBytes);
        if (body is null)
            return bad!;
        if (view.ReadOnly)
            return Problems.Conflict("Study closed", $"Study “{view.Study.Name}” is closed: its ratings can no longer change.");
        var state = view.State;
        var (ratings, ranking, problems) = ByPosition(body, state);
        if (problems.Count == 0)
            problems.AddRange(RatingRules.Problems(view.Study.Scale, state.Count, ratings, ranking, state.Letter));
        if (problems.Count > 0)
            return Problems.BadBody("Invalid rating", problems);
        state.Load(ratings, ranking, body.Comment, body.NoneFits);
        var annotator = Annotator(context);
        try
        {
            var stored = await work.SubmitAsync(view.Task.Id, annotator.Id, annotator.Name, state, context.RequestAborted);
            return TypedResults.Json(Submitted(stored, state), ApiJson.Options);
        }
        catch (StorageException e)
        {
            return Problems.Conflict("Rating refused", e.Message);
        }
    }

    /// <summary>The task view for the signed-in annotator, or the problem: 400 for a malformed address, 404 when they have no such task.</summary>
    private static (TaskView? View, ProblemHttpResult? Problem) Open(HttpContext context, RatingWork work, string studyId, string layer, string index)
    {
        var problems = new List<ParameterProblem>();
        var study = NeuronApi.PositiveInt("study_id", studyId, 0, int.MaxValue, problems);
        var l = NeuronApi.PositiveInt("layer", layer, 0, int.MaxValue, problems, allowZero: true);
        var n = NeuronApi.PositiveInt("index", index, 0, int.MaxValue, problems, allowZero: true);
        if (problems.Count > 0)
            return (null, Problems.BadParameters(problems));
        var (view, problem) = work.Open(Annotator(context).Id, new NeuronId(l, n), study);
        return view is null ? (null, Problems.Missing("No such rating task", problem!)) : (view, null);
    }

    /// <summary>Ratings and ranking by task position (as stored) from the letters of the request; problems name the letter or entry.</summary>
    private static (List<int?> Ratings, List<int> Ranking, List<string> Problems) ByPosition(RateRequest body, RatingFormState state)
    {
        var problems = new List<string>();
        var letters = $"{state.Letter(state.PresentationOrder[0])}–{state.Letter(state.PresentationOrder[^1])}";
        var ratings = new int?[state.Count];
        if (body.Ratings is null)
            problems.Add($"ratings is required: one rating per explanation, in letter order {letters}.");
        else if (body.Ratings.Count != state.Count)
            problems.Add($"ratings has {body.Ratings.Count} entries; expected {state.Count}, one per explanation in letter order {letters}.");
        else
        {
            for (var i = 0; i < state.Count; i++)
                ratings[state.PresentationOrder[i]] = body.Ratings[i];
        }
        var ranking = new List<int>();
        if (body.Ranking is null)
            problems.Add($"ranking is required: the letters {letters}, best first.");
        else
        {
            foreach (var letter in body.Ranking)
            {
                var at = letter is { Length: 1 } ? char.ToUpperInvariant(letter[0]) - 'A' : -1;
                if (at < 0 || at >= state.Count)
                    problems.Add($"ranking: '{Short(letter)}' is not one of the letters {letters}.");
                else
                    ranking.Add(state.PresentationOrder[at]);
            }
        }
        return ([.. ratings], ranking, problems);
    }

    private static RateSubmitted Submitted(RatingSubmission s, RatingFormState state) => new(
        s.Id, s.Revision, state.PresentationOrder.Select(p => p < s.Ratings.Count ? s.Ratings[p] : 0).ToList(),
        s.Ranking.Select(state.Letter).ToList(), s.Comment, s.NoneFits, s.SubmittedAt);

    private static AnnotatorRef Annotator(HttpContext context) =>
        RatingServices.Annotator(context.User) ?? throw new InvalidOperationException("The rating API runs only for signed-in users.");

    private static string Short(string? text) => text is null ? "null" : text.Length > 20 ? text[..20] + "…" : text;
}
