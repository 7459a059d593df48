using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using NeuronViewer.Core.Json;
using NeuronViewer.Core.Records;
using NeuronViewer.Storage;
using NeuronViewer.Storage.Summaries;
using NeuronViewer.Web.Neurons;
using NeuronViewer.Web.Security;

namespace NeuronViewer.Web.Api;

/// <summary>
/// The read API: <c>GET /api/neurons</c> (filtered, sorted, paged browser rows), <c>GET /api/neurons/{layer}/{index}</c>
/// (record, explanations, scores), the exports (<see cref="ExportApi"/>), <c>POST /api/import</c> (<see cref="ImportApi"/>) and the
/// annotators' <c>/api/rate</c> (<see cref="RateApi"/>). Bad parameters answer 400 and an unknown
/// neuron 404, each with a problem-details body naming the parameter or the neuron.
/// </summary>
public static class NeuronApi
{
    /// <summary>The largest page the list returns.</summary>
    public const int MaxPageSize = NeuronQuery.MaxTake;

    /// <summary>Maps the API's endpoints under <c>/api</c>.</summary>
    public static RouteGroupBuilder MapNeuronViewerApi(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var api = endpoints.MapGroup("/api").RequireAuthorization(Policies.Research);
        api.MapGet("/neurons", List).WithName("ListNeurons");
        api.MapGet("/neurons/{layer}/{index}", Get).WithName("GetNeuron");
        api.MapExports();
        api.MapImport();
        endpoints.MapRating();
        return api;
    }

    private static Results<JsonHttpResult<NeuronListResponse>, ProblemHttpResult> List(HttpRequest request, NeuronViewerStore store)
    {
        string? Get(string name) => request.Query.TryGetValue(name, out var v) ? v.ToString() : null;
        var (filter, parsed) = NeuronFilter.Parse(Get);
        var problems = parsed.ToList();
        var page = PositiveInt("page", Get("page"), 1, int.MaxValue, problems);
        var size = PositiveInt("page_size", Get("page_size"), 50, MaxPageSize, problems);
        if (problems.Count > 0)
            return Problems.BadParameters(problems);
        var skip = (long)(page - 1) * size;
        if (skip > int.MaxValue)
            return Problems.BadParameters([new("page", $"page {page} is too large for page_size {size}.")]);
        var result = store.Summaries.Query(filter.ToQuery((int)skip, size));
        var items = result.Items.Select(NeuronRow.From).ToList();
        return TypedResults.Json(new NeuronListResponse(result.Total, page, size, (result.Total + size - 1) / size, items), ApiJson.Options);
    }

    private static Results<JsonHttpResult<NeuronDetailResponse>, ProblemHttpResult> Get(string layer, string index, NeuronViewerStore store)
    {
        var problems = new List<ParameterProblem>();
        var l = PositiveInt("layer", layer, 0, int.MaxValue, problems, allowZero: true);
        var n = PositiveInt("index", index, 0, int.MaxValue, problems, allowZero: true);
        if (problems.Count > 0)
            return Problems.BadParameters(problems);
        var neuron = new NeuronId(l, n);
        var summary = store.Summaries.Get(neuron);
        if (summary is null)
            return Problems.NotFound(neuron);
        var record = store.Records.Get(neuron);
        var explanations = NeuronDetailResponse.ExplanationsOf(store, neuron);
        var related = store.Records.GetRelatedTokens(neuron);
        return TypedResults.Json(new NeuronDetailResponse(
            NeuronRow.From(summary),
            record is null ? null : JsonDocument.Parse(OpenAiJson.SerializeToUtf8Bytes(record.Record)).RootElement,
            record?.RunId,
            explanations,
            related?.LookupTable is { } table ? JsonDocument.Parse(OpenAiJson.SerializeToUtf8Bytes(table)).RootElement : null,
            related?.WeightBased is { } weights ? JsonDocument.Parse(OpenAiJson.SerializeToUtf8Bytes(weights)).RootElement : null), ApiJson.Options);
    }

    /// <summary>A whole number parameter in [min or 1, max]; missing gives <paramref name="fallback"/>.</summary>
    internal static int PositiveInt(string name, string? text, int fallback, int max, List<ParameterProblem> problems, bool allowZero = false)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            if (allowZero)
                problems.Add(new(name, $"{name} is required."));
            return fallback;
        }
        var min = allowZero ? 0 : 1;
        if (int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max)
            return value;
        var range = max == int.MaxValue ? $"{min} or more" : $"between {min} and {max}";
        problems.Add(new(name, $"{name} must be a whole number {range}, not '{(text.Length > 40 ? text[..40] + "…" : text)}'."));
        return fallback;
    }
}
