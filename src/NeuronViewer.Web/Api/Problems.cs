using Microsoft.AspNetCore.Http.HttpResults;
using NeuronViewer.Core.Records;
using NeuronViewer.Web.Neurons;

namespace NeuronViewer.Web.Api;

/// <summary>The API's problem-details answers: 400 naming each bad parameter or each problem of a body, 401/403 for a missing login or role, 404 naming what is missing, 409 for a state that refuses the change.</summary>
internal static class Problems
{
    /// <summary>400 with <c>detail</c> (the first problem), <c>parameter</c> and <c>errors</c> (every problem by parameter).</summary>
    public static ProblemHttpResult BadParameters(IReadOnlyList<ParameterProblem> problems) => TypedResults.Problem(
        title: "Invalid parameter",
        detail: problems[0].Message,
        statusCode: StatusCodes.Status400BadRequest,
        extensions: new Dictionary<string, object?>
        {
            ["parameter"] = problems[0].Parameter,
            ["errors"] = problems.GroupBy(p => p.Parameter).ToDictionary(g => g.Key, g => g.Select(p => p.Message).ToArray()),
        });

    /// <summary>404 for a neuron with nothing stored.</summary>
    public static ProblemHttpResult NotFound(NeuronId neuron) => TypedResults.Problem(
        title: "Neuron not found",
        detail: $"Neuron {neuron.LayerIndex}:{neuron.NeuronIndex} has no stored record or explanation.",
        statusCode: StatusCodes.Status404NotFound,
        extensions: new Dictionary<string, object?> { ["layer"] = neuron.LayerIndex, ["index"] = neuron.NeuronIndex });

    /// <summary>400 for a body (JSON, upload) that cannot be accepted: <c>detail</c> is the first problem, <c>errors</c> lists them all.</summary>
    public static ProblemHttpResult BadBody(string title, IReadOnlyList<string> problems) => TypedResults.Problem(
        title: title,
        detail: problems[0],
        statusCode: StatusCodes.Status400BadRequest,
        extensions: new Dictionary<string, object?> { ["errors"] = problems.ToArray() });

    /// <summary>404 with the reason in <c>detail</c>.</summary>
    public static ProblemHttpResult Missing(string title, string detail) =>
        TypedResults.Problem(title: title, detail: detail, statusCode: StatusCodes.Status404NotFound);

    /// <summary>401: no valid login cookie or API token; <c>detail</c> says what was wrong with the token, if one was sent.</summary>
    public static ProblemHttpResult Unauthorized(string detail) =>
        TypedResults.Problem(title: "Not signed in", detail: detail, statusCode: StatusCodes.Status401Unauthorized);

    /// <summary>403: signed in, but the user's role may not use this endpoint.</summary>
    public static ProblemHttpResult Forbidden(string detail) =>
        TypedResults.Problem(title: "Not allowed for your role", detail: detail, statusCode: StatusCodes.Status403Forbidden);

    /// <summary>409: the request is well formed but the stored state refuses it (for example a closed study).</summary>
    public static ProblemHttpResult Conflict(string title, string detail) =>
        TypedResults.Problem(title: title, detail: detail, statusCode: StatusCodes.Status409Conflict);
}
