using Microsoft.Extensions.Configuration;
using NeuronViewer.Core.Abstractions;
using NeuronViewer.Core.Records;
using NeuronViewer.Explainers.Configuration;
using NeuronViewer.Explainers.Offline;
using NeuronViewer.Explainers.Scoring;

namespace NeuronViewer.Explainers.Tests;

/// <summary>Offline baselines, the scoring pipeline, best-of-N ranking, revision and cost estimates, on a synthetic "of" neuron.</summary>
public sealed class BaselineAndScoringTests
{
    private static readonly string[] Words = [" the", " cup", " of", " tea", " was", " full", " in", " a", " lot", " time", " 1990", ",", " Paris", " running"];

    /// <summary>A neuron that fires on " of" (4.0) and weakly on the word after it (0.5); other tokens rest near zero.</summary>
    internal static NeuronRecord OfNeuron()
    {
        var rng = new Random(3);
        ActivationRecord Make(bool top)
        {
            var tokens = Enumerable.Range(0, 12).Select(_ => Words[rng.Next(Words.Length)]).ToList();
            if (top)
                tokens[rng.Next(11)] = " of";
            var acts = tokens.Select((t, i) => t == " of" ? 4.0 : i > 0 && tokens[i - 1] == " of" ? 0.5 : -0.05 + 0.01 * rng.Next(5)).ToList();
            return new ActivationRecord(tokens, acts);
        }
        return new NeuronRecord(new NeuronId(3, 7), [.. Enumerable.Range(0, 15).Select(_ => Make(false))], null, null, 0, 1, 0, 0,
            [.. Enumerable.Range(0, 20).Select(_ => Make(true))]);
    }

    [Fact]
    public async Task Statistics_explainer_gives_five_different_candidates_led_by_the_firing_token()
    {
        var neuron = OfNeuron();
        var result = await new StatisticsExplainer().ExplainAsync(new ExplainRequest(neuron.NeuronId, neuron.MostPositiveActivationRecords.Where((_, i) => i % 4 == 0).ToList(), 5));
        Assert.False(result.Failed);
        Assert.Equal(5, result.Explanations.Count);
        Assert.Equal(5, result.Explanations.Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.Equal("the token \"of\"", result.Explanations[0]);
        Assert.True(new StatisticsExplainer().Info.IsBaseline);
    }

    [Fact]
    public async Task Lexical_simulator_reads_quoted_tokens_context_classes_and_stems()
    {
        var sim = new LexicalSimulator();
        string[] tokens = [" cup", " of", " tea", " in", " 1990", " Paris", " running", " runs"];
        async Task<IReadOnlyList<double>> Run(string e) => (await sim.SimulateAsync(e, tokens)).Simulation!.ExpectedActivations;
        Assert.Equal([0, 10, 0, 0, 0, 0, 0, 0], await Run("the token \"of\""));
        Assert.Equal([0, 0, 10, 0, 0, 0, 0, 0], await Run("the word after \"of\""));
        Assert.Equal([0, 0, 0, 0, 8, 0, 0, 0], await Run("numbers such as years"));
        Assert.Equal([0, 0, 0, 0, 0, 8, 0, 0], await Run("capitalised words such as names"));
        Assert.Equal([0, 0, 0, 0, 0, 0, 6, 6], await Run("verbs about running"));
        Assert.True(sim.Info.IsBaseline);
    }

    private sealed class TableEmbeddings(Dictionary<string, float[]> table) : ITokenEmbeddings
    {
        public float[]? Vector(string token) => table.GetValueOrDefault(token);
    }

    [Fact]
    public async Task Lexical_simulator_uses_token_embeddings_for_related_words()
    {
        var embeddings = new TableEmbeddings(new() { [" beverage"] = [1, 0], [" tea"] = [0.9f, 0.1f], [" cup"] = [0.1f, 1] });
        var outcome = await new LexicalSimulator(embeddings).SimulateAsync("beverage names", [" tea", " cup"]);
        Assert.True(outcome.Simulation!.ExpectedActivations[0] > 5);
        Assert.Equal(0, outcome.Simulation.ExpectedActivations[1]);
    }

    [Fact]
    public async Task Scorer_calibrates_scores_both_modes_and_reports_provenance()
    {
        var neuron = OfNeuron();
        var score = await ExplanationScorer.ScoreAsync(neuron, " the token \"of\" ", new LexicalSimulator(), new ScoringOptions { ExamplesPerSplit = 5, Seed = 11 });
        Assert.Equal("the token \"of\"", score.Explanation);
        Assert.Equal(10, score.TopAndRandom.ScoredSequenceSimulations.Count);
        Assert.Equal(5, score.RandomOnly.ScoredSequenceSimulations.Count);
        Assert.True(score.PreferredScore > 0.95, $"correlation {score.PreferredScore}");
        Assert.NotNull(score.Calibration);
        Assert.Equal(0.4, score.Calibration!.Slope, 1);
        Assert.True(score.TopAndRandom.RsquaredScore > 0.8);
        Assert.Equal(ActivationScale.NeuronActivations, score.TopAndRandom.ScoredSequenceSimulations[0].Simulation.ActivationScale);
        Assert.Equal(0, score.FailedSequences);
        Assert.Equal(11, score.Provenance.Seed);
        Assert.True(score.Provenance.Simulator.IsBaseline);
        Assert.Equal(0m, score.Provenance.EstimatedCost);
    }

    /// <summary>A real simulator whose answers fail for sequences containing a given token (to check failure accounting).</summary>
    private sealed class FailingOn(string token, ISimulator inner) : ISimulator
    {
        public BackendInfo Info => inner.Info;

        public Task<SimulationOutcome> SimulateAsync(string explanation, IReadOnlyList<string> tokens, CancellationToken cancellationToken = default) =>
            tokens.Contains(token)
                ? Task.FromResult(SimulationOutcome.Failure("unparsable", "raw text here", new Usage(1, 10, 5)))
                : inner.SimulateAsync(explanation, tokens, cancellationToken);
    }

    [Fact]
    public async Task Failed_sequences_are_excluded_and_recorded_with_raw_text()
    {
        var neuron = OfNeuron();
        var score = await ExplanationScorer.ScoreAsync(neuron, "the token \"of\"", new FailingOn(" Paris", new LexicalSimulator()), new ScoringOptions { ExamplesPerSplit = 5 });
        var valid = neuron.MostPositiveActivationRecords.Where((_, i) => i % 4 == 2).Take(5).Concat(neuron.RandomSample.Where((_, i) => i % 3 == 1).Take(5));
        var expectedFailures = valid.Count(r => r.Tokens.Contains(" Paris"));
        Assert.True(expectedFailures > 0);
        Assert.Equal(10 - expectedFailures, score.TopAndRandom.ScoredSequenceSimulations.Count);
        Assert.All(score.Failures, f => Assert.Equal("raw text here", f.RawResponse));
        Assert.Equal(expectedFailures, score.Failures.Count(f => f.Split != "calibration"));
    }

    [Fact]
    public async Task Best_of_n_ranks_the_true_explanation_first_and_revision_keeps_only_improvements()
    {
        var neuron = OfNeuron();
        var ranked = await CandidateRanker.RankAsync(neuron, ["numbers", "the token \"of\"", "the word after \"of\"", "The token \"of\""], new LexicalSimulator());
        Assert.Equal(3, ranked.UniqueCandidates);
        Assert.Equal("the token \"of\"", ranked.Best!.Explanation);
        Assert.True(ranked.MeanPairwiseJaccardDistance > 0);

        var weak = ranked.Ranked.Single(r => r.Explanation == "the word after \"of\"");
        var revision = await ExplanationReviser.ReviseAsync(neuron, weak, new StatisticsExplainer(), new LexicalSimulator());
        Assert.True(revision.Improved);
        Assert.Equal("the token \"of\"", revision.Kept.Explanation);
        var best = await ExplanationReviser.ReviseAsync(neuron, ranked.Best, new StatisticsExplainer(), new LexicalSimulator());
        Assert.Equal(ranked.Best.Explanation, best.Kept.Explanation);
    }

    [Fact]
    public void Cost_is_estimated_from_configured_prices_per_million_tokens()
    {
        var options = new ProviderOptions { Prices = { ["m"] = new ModelPrice { InputPerMillion = 2.5m, OutputPerMillion = 10m } } };
        Assert.Equal(0.0035m, CostEstimator.Estimate(new Usage(2, 1000, 100), "M", options));
        Assert.Null(CostEstimator.Estimate(new Usage(1, 10, 1), "unpriced", options));
    }

    [Fact]
    public void Options_bind_from_configuration_and_bad_values_give_one_line_errors()
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["NeuronViewer:Provider:Kind"] = "compatible",
            ["NeuronViewer:Provider:Endpoint"] = "http://127.0.0.1:8000/v1",
            ["NeuronViewer:Provider:SimulatorMode"] = "json",
            ["NeuronViewer:Provider:Prices:gpt-x:InputPerMillion"] = "1.5",
        }).Build();
        var options = ProviderOptions.FromConfiguration(config);
        Assert.Equal(ProviderKind.Compatible, options.Kind);
        Assert.Equal(SimulatorMode.Json, options.SimulatorMode);
        Assert.Equal(1.5m, options.Prices["GPT-X"].InputPerMillion);
        var bad = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["NeuronViewer:Provider:Kind"] = "azure" }).Build();
        var ex = Assert.Throws<InvalidOperationException>(() => ProviderOptions.FromConfiguration(bad));
        Assert.Contains("Endpoint is required", ex.Message, StringComparison.Ordinal);
        Assert.IsType<LexicalSimulator>(SimulatorFactory.Create(new ProviderOptions()));
        Assert.IsType<StatisticsExplainer>(ExplainerFactory.Create(new ProviderOptions()));
    }
}
