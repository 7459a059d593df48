using Microsoft.Extensions.Configuration;
using NeuronViewer.Core.Abstractions;
using NeuronViewer.Explainers.Configuration;
using NeuronViewer.Explainers.Explaining;
using NeuronViewer.Explainers.Http;
using NeuronViewer.Explainers.Offline;
using NeuronViewer.Explainers.Simulating;

namespace NeuronViewer.Explainers;

/// <summary>Creates provider connections, reading the API key at the call site (environment, then configuration/user secrets).</summary>
public static class ConnectionFactory
{
    public static OpenAiConnection Create(ProviderOptions options, IConfiguration? configuration = null) =>
        new(options, ApiKeys.Resolve(options, configuration));
}

/// <summary>Creates the explainer configured in <see cref="ProviderOptions"/>: the offline baseline or a chat model.</summary>
public static class ExplainerFactory
{
    public static IExplainer Create(ProviderOptions options, IConfiguration? configuration = null, OpenAiConnection? connection = null, ExplainerOptions? explainerOptions = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.Kind == ProviderKind.Offline
            ? new StatisticsExplainer()
            : new OpenAiExplainer(connection ?? ConnectionFactory.Create(options, configuration), options.ExplainerModel, explainerOptions);
    }
}

/// <summary>Creates the simulator configured in <see cref="ProviderOptions"/>: the offline baseline, or chat/completions/JSON simulation.</summary>
public static class SimulatorFactory
{
    public static ISimulator Create(
        ProviderOptions options, IConfiguration? configuration = null, OpenAiConnection? connection = null,
        ITokenEmbeddings? embeddings = null, ChatSimulatorOptions? chatOptions = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Kind == ProviderKind.Offline)
            return new LexicalSimulator(embeddings);
        var c = connection ?? ConnectionFactory.Create(options, configuration);
        return options.SimulatorMode switch
        {
            SimulatorMode.Completions => new CompletionsSimulator(c, options.SimulatorModel),
            SimulatorMode.Json => ChatSimulator.Json(c, options.SimulatorModel, chatOptions),
            _ => ChatSimulator.Lines(c, options.SimulatorModel, chatOptions),
        };
    }
}
