using System.Security.Claims;
using System.Text;
using NeuronViewer.Pipeline.Exchange;
using NeuronViewer.Storage;
using NeuronViewer.Storage.Rating;
using NeuronViewer.Web.Security;

namespace NeuronViewer.Web.Rating;

/// <summary>Registers the rating services and maps the results' download endpoints.</summary>
public static class RatingServices
{
    /// <summary>Adds <see cref="RatingWork"/> and <see cref="RatingResultsService"/> (both over the one store).</summary>
    public static IServiceCollection AddHumanRating(this IServiceCollection services)
    {
        services.AddSingleton(sp => new RatingWork(sp.GetRequiredService<NeuronViewerStore>()));
        services.AddSingleton(sp => new RatingResultsService(sp.GetRequiredService<NeuronViewerStore>()));
        return services;
    }

    /// <summary>
    /// GET /results/{study}/ratings.csv (one row per revision and candidate), /results/{study}/summary.csv (one row per neuron and
    /// candidate, with scores and agreement) and /results/{study}/ratings.jsonl (study, tasks, every revision).
    /// </summary>
    public static IEndpointConventionBuilder MapRatingExports(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/results/{studyId:long}").RequireAuthorization(Policies.Research);
        group.MapGet("/ratings.csv", (long studyId, NeuronViewerStore store) =>
            Study(store, studyId) is { } study
                ? Csv($"study-{studyId}-ratings.csv", w => RatingCsv.WriteRatings(w, study, store.RatingTasks.ForStudy(studyId), store.Ratings.AllForStudy(studyId)))
                : NotFound(studyId));
        group.MapGet("/summary.csv", (long studyId, ComparedScore? score, NeuronViewerStore store, RatingResultsService results) =>
            Study(store, studyId) is not null
                ? Csv($"study-{studyId}-summary.csv", w => RatingCsv.WriteSummary(w, studyId, results.Compute(studyId, score ?? ComparedScore.TopAndRandom)))
                : NotFound(studyId));
        group.MapGet("/ratings.jsonl", (long studyId, NeuronViewerStore store) =>
            Study(store, studyId) is not null
                ? Results.File(JsonLines(store, studyId), "application/x-ndjson", $"study-{studyId}-ratings.jsonl")
                : NotFound(studyId));
        return group;
    }

    /// <summary>The annotator a signed-in user is: the stable user id (<see cref="UserClaims.Id"/>) and the shown name; null when anonymous.</summary>
    public static AnnotatorRef? Annotator(ClaimsPrincipal? user) =>
        user?.UserIdOrNull() is { Length: > 0 } id ? new AnnotatorRef(id, user.ShownName() is { Length: > 0 } name ? name : id) : null;

    /// <summary>The study's JSON lines in memory (a study is small; Kestrel refuses synchronous writes to the response).</summary>
    private static byte[] JsonLines(NeuronViewerStore store, long studyId)
    {
        using var buffer = new MemoryStream();
        new JsonLinesExporter(store).WriteStudy(buffer, studyId);
        return buffer.ToArray();
    }

    private static Study? Study(NeuronViewerStore store, long id) => store.Studies.Get(id);

    private static IResult NotFound(long id) => Results.Problem($"Study {id} does not exist.", statusCode: StatusCodes.Status404NotFound);

    private static IResult Csv(string name, Action<TextWriter> write)
    {
        using var text = new StringWriter();
        write(text);
        return Results.File(Encoding.UTF8.GetBytes(text.ToString()), "text/csv; charset=utf-8", name);
    }
}
