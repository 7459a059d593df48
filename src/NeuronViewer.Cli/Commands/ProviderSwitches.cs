using System.CommandLine;
using NeuronViewer.Pipeline.Stages;

namespace NeuronViewer.Cli.Commands;

/// <summary>The options every provider-calling command shares: <c>--endpoint URL</c> and <c>--model NAME</c>, plus the records per split.</summary>
public sealed class ProviderSwitches
{
    public Option<string?> Endpoint { get; } = new("--endpoint") { Description = "OpenAI-compatible base URL (e.g. http://localhost:8000/v1); overrides NeuronViewer:Provider:Endpoint." };

    public Option<string?> Model { get; } = new("--model") { Description = "Model name at the provider; overrides the configured explainer/simulator model." };

    public Option<int?> ExamplesPerSplit { get; } = new("--examples-per-split") { Description = "Excerpts per split (default: as many as the record allows; the paper's demo uses 5)." };

    public void AddTo(Command command)
    {
        command.Add(Endpoint);
        command.Add(Model);
        command.Add(ExamplesPerSplit);
    }

    /// <summary>The backend choice for the named explainer/simulator with the endpoint and model switches applied.</summary>
    public BackendChoice Choice(ParseResult parse, string? explainer, string? simulator)
    {
        if (parse.GetValue(ExamplesPerSplit) is int n && n < 1) throw new UsageException($"--examples-per-split must be positive, not {n}.");
        var endpoint = parse.GetValue(Endpoint);
        if (endpoint is not null && !Uri.TryCreate(endpoint, UriKind.Absolute, out _)) throw new UsageException($"--endpoint is not an absolute URL: '{endpoint}'.");
        var model = parse.GetValue(Model);
        return new BackendChoice { Explainer = explainer, Simulator = simulator, Endpoint = endpoint, ExplainerModel = model, SimulatorModel = model };
    }

    /// <summary>Required --layer and --neuron options.</summary>
    public static (Option<int> Layer, Option<int> Neuron) NeuronOptions() =>
        (new Option<int>("--layer") { Description = "The neuron's layer.", Required = true },
         new Option<int>("--neuron") { Description = "The neuron's index in its layer.", Required = true });
}
