using Microsoft.AspNetCore.Http.HttpResults;
using NeuronViewer.Core.Records;
using NeuronViewer.Web.Neurons;

namespace NeuronViewer.Web.Api;

/// <summary>The API's problem-details answers: 400 naming each bad parameter, 404 naming the neuron.</summary>
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
}
