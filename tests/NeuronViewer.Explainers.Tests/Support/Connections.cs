using System.Collections.Concurrent;
using NeuronViewer.Explainers.Configuration;
using NeuronViewer.Explainers.Http;
using NeuronViewer.Explainers.Tests.Fake;

namespace NeuronViewer.Explainers.Tests.Support;

/// <summary>Connections to the fake server with fast backoff; records the waits the retry policy asked for.</summary>
internal static class Connections
{
    public static OpenAiConnection For(FakeOpenAiServer server, Action<ProviderOptions>? tweak = null, ConcurrentQueue<TimeSpan>? waits = null)
    {
        var options = new ProviderOptions
        {
            Kind = ProviderKind.Compatible,
            Endpoint = server.BaseUrl.AbsoluteUri,
            ExplainerModel = "fake-explainer",
            SimulatorModel = "fake-simulator",
            MaxRetries = 4,
            RetryBaseDelayMilliseconds = 5,
            RetryMaxDelayMilliseconds = 20,
            TimeoutSeconds = 30,
        };
        tweak?.Invoke(options);
        return new OpenAiConnection(options, "test-key", waits is null ? null : (delay, ct) =>
        {
            waits.Enqueue(delay);
            return Task.CompletedTask;
        });
    }
}
