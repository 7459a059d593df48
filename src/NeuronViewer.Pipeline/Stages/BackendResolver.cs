using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using NeuronViewer.Core.Abstractions;
using NeuronViewer.Explainers;
using NeuronViewer.Explainers.Configuration;
using NeuronViewer.Explainers.Http;
using NeuronViewer.Pipeline.Subject;

namespace NeuronViewer.Pipeline.Stages;

/// <summary>Turns a job's <see cref="BackendChoice"/> and the configured provider into an explainer and a simulator (one connection per distinct setting).</summary>
public sealed class BackendResolver(IConfiguration configuration, SubjectModelHost host)
{
    private readonly ConcurrentDictionary<string, OpenAiConnection> connections = new();

    /// <summary>The configured provider section, validated.</summary>
    public ProviderOptions Configured => ProviderOptions.FromConfiguration(configuration);

    /// <summary>The provider settings the explainer of this choice uses.</summary>
    public ProviderOptions ExplainerOptions(BackendChoice? choice)
    {
        var o = Apply(choice);
        o.Kind = (choice?.Explainer?.ToLowerInvariant()) switch
        {
            null or "" => o.Kind,
            "offline" => ProviderKind.Offline,
            "openai" => Online(o),
            var other => throw new ArgumentException($"Unknown explainer '{other}': use offline or openai."),
        };
        o.Validate();
        return o;
    }

    /// <summary>The provider settings the simulator of this choice uses.</summary>
    public ProviderOptions SimulatorOptions(BackendChoice? choice)
    {
        var o = Apply(choice);
        switch (choice?.Simulator?.ToLowerInvariant())
        {
            case null or "":
                break;
            case "offline":
                o.Kind = ProviderKind.Offline;
                break;
            case "chat" or "completions" or "json":
                o.Kind = Online(o);
                o.SimulatorMode = Enum.Parse<SimulatorMode>(choice.Simulator, ignoreCase: true);
                break;
            default:
                throw new ArgumentException($"Unknown simulator '{choice.Simulator}': use offline, chat, completions or json.");
        }
        o.Validate();
        return o;
    }

    public IExplainer Explainer(BackendChoice? choice)
    {
        var o = ExplainerOptions(choice);
        return ExplainerFactory.Create(o, configuration, o.Kind == ProviderKind.Offline ? null : Connection(o));
    }

    /// <summary>The simulator; the offline one matches words through the subject model's token embeddings (loads the model).</summary>
    public async Task<ISimulator> SimulatorAsync(BackendChoice? choice, CancellationToken cancellationToken = default)
    {
        var o = SimulatorOptions(choice);
        if (o.Kind != ProviderKind.Offline)
            return SimulatorFactory.Create(o, configuration, Connection(o));
        var model = await host.GetAsync(cancellationToken).ConfigureAwait(false);
        return SimulatorFactory.Create(o, configuration, embeddings: model.Embeddings);
    }

    private ProviderOptions Apply(BackendChoice? choice)
    {
        var o = Configured.Clone();
        if (!string.IsNullOrWhiteSpace(choice?.Endpoint)) o.Endpoint = choice.Endpoint;
        if (!string.IsNullOrWhiteSpace(choice?.ExplainerModel)) o.ExplainerModel = choice.ExplainerModel;
        if (!string.IsNullOrWhiteSpace(choice?.SimulatorModel)) o.SimulatorModel = choice.SimulatorModel;
        return o;
    }

    /// <summary>The configured online kind, or OpenAI-compatible when an endpoint is given, else OpenAI.</summary>
    private static ProviderKind Online(ProviderOptions o) =>
        o.Kind != ProviderKind.Offline ? o.Kind : string.IsNullOrWhiteSpace(o.Endpoint) ? ProviderKind.OpenAI : ProviderKind.Compatible;

    private OpenAiConnection Connection(ProviderOptions o) =>
        connections.GetOrAdd(JsonSerializer.Serialize(o), _ => ConnectionFactory.Create(o, configuration));
}
