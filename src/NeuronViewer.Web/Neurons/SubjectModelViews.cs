using NeuronViewer.Core.Abstractions;
using NeuronViewer.Core.Records;
using NeuronViewer.Core.Scoring;
using NeuronViewer.Explainers;
using NeuronViewer.Explainers.Configuration;
using NeuronViewer.Pipeline.Subject;
using NeuronViewer.Storage.Runs;
using NeuronViewer.Web.Viewer;

namespace NeuronViewer.Web.Neurons;

/// <summary>What "try your own text" produced: the text's excerpt (real activations and the simulation, or why it failed) and notes.</summary>
public sealed record TryTextResult(SimulatedExcerpt Excerpt, bool Truncated, int TokenLimit, BackendInfo? Simulator);

/// <summary>A request the page refuses or that failed, with the one line to show.</summary>
public sealed class TryTextException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// The neuron page's views that need the subject model (through <see cref="SubjectModelHost"/>, never on a circuit's thread):
/// weight-based tokens and neurons (spec §10) and "try your own text" with the configured simulator.
/// </summary>
public sealed class SubjectModelViews(SubjectModelHost host, IConfiguration configuration)
{
    /// <summary>The longest text accepted, in characters (the model then runs at most its token limit).</summary>
    public const int MaxTextLength = 4000;

    private readonly Lock gate = new();
    private ISimulator? simulator;

    /// <summary>The configured subject model's host (status, load error).</summary>
    public SubjectModelHost Host => host;

    /// <summary>
    /// Loads the model if needed and says why its weights cannot describe this neuron (another model collected it, or the
    /// neuron is outside the model), or null when they can.
    /// </summary>
    public async Task<string?> MismatchAsync(NeuronId neuron, CollectionRun? run, CancellationToken cancellationToken = default)
    {
        var info = (await host.GetAsync(cancellationToken)).Info;
        if (run is not null && !SameModel(run, info))
            return $"This neuron was collected from “{run.SubjectModel}”{Revision(run)}, but the loaded subject model is {info.Label} ({info.Revision}).";
        if (neuron.LayerIndex >= info.Layers || neuron.NeuronIndex >= info.NeuronsPerLayer)
            return $"Neuron {neuron} is outside the loaded subject model ({info.Label}).";
        return null;
    }

    /// <summary>Whether a run was collected by the model described (same name, and same revision when the run recorded one).</summary>
    public static bool SameModel(CollectionRun run, SubjectModelInfo info) =>
        string.Equals(run.SubjectModel, info.Name, StringComparison.OrdinalIgnoreCase)
        && (string.IsNullOrEmpty(run.SubjectModelRevision) || string.Equals(run.SubjectModelRevision, info.Revision, StringComparison.OrdinalIgnoreCase));

    /// <summary>Top input and output tokens by direct-path weight.</summary>
    public Task<WeightBasedSummaryOfNeuron> WeightTokensAsync(NeuronId neuron, CancellationToken cancellationToken = default) =>
        host.RunInteractiveAsync(m => m.Connections.TokenSummary(neuron), cancellationToken);

    /// <summary>Upstream and downstream neurons by virtual weight.</summary>
    public Task<RelatedNeurons> RelatedNeuronsAsync(NeuronId neuron, int count, CancellationToken cancellationToken = default) =>
        host.RunInteractiveAsync(m => m.Connections.Related(neuron, count), cancellationToken);

    /// <summary>
    /// Runs the text through the subject model, takes this neuron's activation at every token, and simulates the explanation
    /// (when given) on the same tokens with the configured simulator. Throws <see cref="TryTextException"/> with a one-line reason.
    /// </summary>
    public async Task<TryTextResult> TryTextAsync(NeuronId neuron, string? text, string? explanation, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(text))
            throw new TryTextException("Type some text first.");
        if (text.Length > MaxTextLength)
            throw new TryTextException($"The text is {text.Length:N0} characters long; the limit is {MaxTextLength:N0}.");
        TextActivations activations;
        try
        {
            activations = await host.ActivationsAsync(text, neuron.LayerIndex, cancellationToken);
        }
        catch (Exception e) when (e is ArgumentException or SubjectModelBusyException or InvalidOperationException or IOException)
        {
            throw new TryTextException(e.Message, e);
        }
        if (activations.Values.Count > 0 && neuron.NeuronIndex >= activations.Values[0].Length)
            throw new TryTextException($"Neuron {neuron.NeuronIndex} is out of range: layer {neuron.LayerIndex} has neurons 0–{activations.Values[0].Length - 1}.");
        var real = new ActivationRecord(activations.Tokens, activations.Neuron(neuron.NeuronIndex));
        var limit = host.Options.MaxInteractiveTokens;
        if (string.IsNullOrWhiteSpace(explanation))
            return new TryTextResult(SimulatedExcerpt.Failed(real, "no explanation is selected, so there is nothing to simulate", null, "Your text"), activations.Truncated, limit, null);
        var sim = await SimulatorAsync(cancellationToken);
        var outcome = await Task.Run(() => sim.SimulateAsync(explanation, real.Tokens, cancellationToken), cancellationToken);
        var excerpt = outcome.Simulation is { } s && s.ExpectedActivations.Count == real.Activations.Count
            ? new SimulatedExcerpt { Real = real, Simulation = s, Correlation = Correlation(real.Activations, s.ExpectedActivations), GroupLabel = "Your text" }
            : SimulatedExcerpt.Failed(real, outcome.FailureReason ?? "the simulation does not have one value per token", outcome.RawResponse, "Your text");
        return new TryTextResult(excerpt, activations.Truncated, limit, sim.Info);
    }

    private async Task<ISimulator> SimulatorAsync(CancellationToken cancellationToken)
    {
        if (simulator is { } existing)
            return existing;
        var model = await host.GetAsync(cancellationToken);
        lock (gate)
        {
            try
            {
                return simulator ??= SimulatorFactory.Create(ProviderOptions.FromConfiguration(configuration), configuration, embeddings: model.Embeddings);
            }
            catch (Exception e) when (e is InvalidOperationException or ArgumentException)
            {
                throw new TryTextException($"The configured simulator cannot be created: {e.Message}", e);
            }
        }
    }

    private static double? Correlation(IReadOnlyList<double> real, IReadOnlyList<double> simulated)
    {
        var r = ScoreFunctions.EvCorrelation(real, simulated);
        return double.IsFinite(r) ? r : null;
    }

    private static string Revision(CollectionRun run) => string.IsNullOrEmpty(run.SubjectModelRevision) ? "" : $" ({run.SubjectModelRevision})";
}
