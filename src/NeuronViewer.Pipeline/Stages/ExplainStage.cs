using NeuronViewer.Core.Abstractions;
using NeuronViewer.Core.Records;
using NeuronViewer.Core.Slicing;
using NeuronViewer.Explainers.Configuration;
using NeuronViewer.Explainers.Scoring;
using NeuronViewer.Storage;
using NeuronViewer.Storage.Explanations;

namespace NeuronViewer.Pipeline.Stages;

/// <summary>How a neuron is explained: candidates, records per split, seed, and the prices for the cost estimate.</summary>
public sealed record ExplainSettings(int Candidates = 5, int? ExamplesPerSplit = null, int? Seed = null, ProviderOptions? Prices = null);

/// <summary>One neuron's explanation attempt: the explanations to store, or the explainer's failure; skipped when this explainer already explained it or the neuron never activates.</summary>
public sealed record ExplainOutcome(NeuronId Neuron, ExplainResult? Result, IReadOnlyList<StoredExplanation> Explanations, bool Skipped)
{
    public bool Failed => Result?.Failed == true;

    /// <summary>The failure with the explainer's raw response (cut to a readable length), for the job's item and log.</summary>
    public string FailureText => Result is { Failed: true } r ? StageText.WithRaw(r.FailureReason!, r.RawResponse) : "";
}

/// <summary>The explain stage: a neuron's train-split excerpts to the explainer, its candidates stored with provenance, usage and cost.</summary>
public sealed class ExplainStage(NeuronViewerStore store)
{
    /// <summary>Asks the explainer for candidates (nothing is stored yet: see <see cref="Save"/>).</summary>
    public async Task<ExplainOutcome> ExplainAsync(NeuronId neuron, IExplainer explainer, ExplainSettings settings, long? jobId = null,
        bool skipExplained = true, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(explainer);
        ArgumentNullException.ThrowIfNull(settings);
        if (settings.Candidates < 1) throw new ArgumentException($"Ask for at least one candidate, not {settings.Candidates}.");
        var stored = store.Records.Get(neuron)
            ?? throw new ArgumentException($"Neuron {neuron.LayerIndex}:{neuron.NeuronIndex} has no record; collect its layer first.");
        if (IsDead(stored.Record) || (skipExplained && store.Explanations.ForNeuron(neuron)
                .Any(e => e.Source == ExplanationSource.Explainer && e.Backend == explainer.Info)))
            return new ExplainOutcome(neuron, null, [], Skipped: true);
        var train = stored.Record.TrainActivationRecords(new ActivationRecordSliceParams(settings.ExamplesPerSplit));
        var lookup = store.Records.GetRelatedTokens(neuron)?.LookupTable;
        var result = await explainer.ExplainAsync(new ExplainRequest(neuron, train, settings.Candidates, lookup, settings.Seed), cancellationToken)
            .ConfigureAwait(false);
        if (result.Failed || result.Explanations.Count == 0)
        {
            var failed = result.Failed ? result : result with { FailureReason = "the explainer returned no explanation" };
            return new ExplainOutcome(neuron, failed, [], Skipped: false);
        }
        var provenance = StageText.Provenance(store, stored.RunId, explainer.Info.Label, null, explainer.Info.PromptFormatVersion, settings.Seed);
        var shares = Share(result.Usage, result.Explanations.Count);
        var explanations = result.Explanations.Select((text, i) => new StoredExplanation
        {
            Neuron = neuron, Text = text, Source = ExplanationSource.Explainer, Backend = explainer.Info, IsBaseline = explainer.Info.IsBaseline,
            SampleIndex = i, Provenance = provenance, Usage = shares[i],
            EstimatedCostUsd = CostEstimator.Estimate(shares[i], explainer.Info.Model, settings.Prices), JobId = jobId,
        }).ToList();
        return new ExplainOutcome(neuron, result, explanations, Skipped: false);
    }

    /// <summary>A neuron that never activates positively on the corpus has nothing to explain (it is skipped, not failed).</summary>
    public static bool IsDead(NeuronRecord record) => !(record.MaxActivation > 0);

    /// <summary>Stores the outcome's explanations (in the caller's transaction when there is one).</summary>
    public IReadOnlyList<long> Save(ExplainOutcome outcome) =>
        outcome.Explanations.Count == 0 ? [] : store.Explanations.AddMany(outcome.Explanations);

    /// <summary>Splits one request's usage over its candidates (remainders and the request count on the first).</summary>
    internal static Usage[] Share(Usage total, int count)
    {
        var shares = new Usage[count];
        for (var i = 0; i < count; i++)
            shares[i] = new Usage(i == 0 ? total.Requests : 0, total.PromptTokens / count, total.CompletionTokens / count);
        shares[0] = shares[0] with
        {
            PromptTokens = shares[0].PromptTokens + (total.PromptTokens % count),
            CompletionTokens = shares[0].CompletionTokens + (total.CompletionTokens % count),
        };
        return shares;
    }
}
