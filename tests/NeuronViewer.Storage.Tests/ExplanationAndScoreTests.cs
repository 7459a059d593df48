using NeuronViewer.Core.Abstractions;
using NeuronViewer.Core.Records;
using NeuronViewer.Storage.Explanations;
using NeuronViewer.Storage.Scores;

namespace NeuronViewer.Storage.Tests;

public sealed class ExplanationAndScoreTests : IDisposable
{
    private static readonly NeuronId Neuron = new(3, 14);
    private readonly TempStore temp = new();

    private NeuronViewerStore Store => temp.Store;

    public void Dispose() => temp.Dispose();

    [Fact]
    public void Candidates_keep_source_backend_provenance_usage_and_cost()
    {
        var ids = Store.Explanations.AddMany(
        [
            new StoredExplanation
            {
                Neuron = Neuron, Text = "years in the 1900s", Source = ExplanationSource.Explainer, Backend = Samples.Explainer,
                SampleIndex = 0, Provenance = Samples.Provenance, Usage = new Usage(1, 1200, 40), EstimatedCostUsd = 0.0123m, JobId = 9,
            },
            new StoredExplanation
            {
                Neuron = Neuron, Text = "  numbers  ", Source = ExplanationSource.HumanWritten, Author = "ada",
                Provenance = Samples.Provenance with { Explainer = null, Simulator = null, PromptFormatVersion = null, Seed = null },
            },
            new StoredExplanation { Neuron = Neuron, Text = "cats", Source = ExplanationSource.Control, ControlFrom = new NeuronId(7, 1) },
        ]);

        var loaded = temp.Reopen().Explanations.ForNeuron(Neuron);

        Assert.Equal(ids, loaded.Select(e => e.Id));
        var first = loaded[0];
        Assert.Equal(Samples.Explainer, first.Backend);
        Assert.Equal(Samples.Provenance, first.Provenance);
        Assert.Equal(new Usage(1, 1200, 40), first.Usage);
        Assert.Equal(0.0123m, first.EstimatedCostUsd);
        Assert.Equal(9, first.JobId);
        Assert.Equal("  numbers  ", loaded[1].Text);
        Assert.True(loaded[1].IsHumanWritten);
        Assert.Equal("ada", loaded[1].Author);
        Assert.Equal(Samples.Provenance with { Explainer = null, Simulator = null, PromptFormatVersion = null, Seed = null }, loaded[1].Provenance);
        Assert.True(loaded[2].IsControl);
        Assert.Equal(new NeuronId(7, 1), loaded[2].ControlFrom);
        Assert.Null(loaded[1].ControlFrom);
    }

    [Fact]
    public void Invalid_candidates_are_refused_and_nothing_of_the_batch_is_written()
    {
        var empty = Assert.Throws<StorageException>(() => Store.Explanations.AddMany(
            [new StoredExplanation { Neuron = Neuron, Text = "fine" }, new StoredExplanation { Neuron = Neuron, Text = " " }]));
        Assert.Contains("empty", empty.Message);
        var control = Assert.Throws<StorageException>(() => Store.Explanations.Add(
            new StoredExplanation { Neuron = Neuron, Text = "x", Source = ExplanationSource.Control }));
        Assert.Contains("control", control.Message);
        Assert.Equal(0, Store.Explanations.Count());
        Assert.Null(Store.Summaries.Get(Neuron));
    }

    [Fact]
    public void A_score_keeps_the_full_simulation_failures_and_calibration()
    {
        var explanation = Store.Explanations.Add(new StoredExplanation { Neuron = Neuron, Text = "years" });
        var simulation = Simulation(0.61);
        var id = Store.Scores.Save(new StoredScore
        {
            ExplanationId = explanation, Set = EvaluationSet.TopAndRandom, Simulation = simulation,
            Simulator = new BackendInfo("openai-completions", "davinci", "v1", false),
            Calibration = new CalibrationInfo { Method = "linear", Parameters = [2.5, -0.1], Records = 10 },
            Failures = [new FailedSequence { SequenceIndex = 3, Tokens = [" a", " b"], Reason = "unparsable", RawResponse = "a\tunknown" }],
            Usage = new Usage(10, 5000, 10), EstimatedCostUsd = 0.5m, Provenance = Samples.Provenance,
        });

        var loaded = temp.Reopen().Scores.Get(id)!;

        Assert.Equal(Neuron, loaded.Neuron);
        Assert.Equal(0.61, loaded.EvCorrelationScore);
        Assert.Equal(simulation.RsquaredScore, loaded.RsquaredScore);
        Assert.Equal(2, loaded.SequenceCount);
        Assert.Equal([2.5, -0.1], loaded.Calibration!.Parameters);
        Assert.Equal("a\tunknown", Assert.Single(loaded.Failures).RawResponse);
        SameSimulation(simulation, loaded.Simulation!);
        Assert.Null(Store.Scores.ForNeuron(Neuron).Single().Simulation);
        SameSimulation(simulation, Store.Scores.ForExplanation(explanation, withSimulations: true).Single().Simulation!);
    }

    [Fact]
    public void Scores_need_an_existing_explanation()
    {
        var e = Assert.Throws<StorageException>(() => Store.Scores.Save(new StoredScore { ExplanationId = 77, Simulation = Simulation(0.1) }));
        Assert.Contains("Explanation 77 does not exist", e.Message);
        Assert.Equal(0, Store.Scores.Count());
    }

    [Fact]
    public void Ablation_scores_without_a_value_must_say_why_and_are_stored_with_their_divergences()
    {
        var explanation = Store.Explanations.Add(new StoredExplanation { Neuron = Neuron, Text = "years" });
        Assert.Throws<StorageException>(() => Store.Ablations.Save(new StoredAblationScore { ExplanationId = explanation }));
        Store.Ablations.Save(new StoredAblationScore
        {
            ExplanationId = explanation, Set = EvaluationSet.RandomOnly, NullReason = "mean-ablated divergence is 0", Divergence = "kl",
            Excerpts = 4, Positions = 250, FailedExcerpts = 1, MeanActivation = -0.0625, MeanSource = "random-sample mean",
            Failures = [new FailedSequence { SequenceIndex = 2, Tokens = [" a"], Reason = "unparsable", RawResponse = "a\tx" }],
        });
        var saved = Assert.Single(temp.Reopen().Ablations.ForNeuron(Neuron));
        Assert.Null(saved.Score);
        Assert.Equal("kl", saved.Divergence);
        Assert.Equal(EvaluationSet.RandomOnly, saved.Set);
        Assert.Equal((4, 250, 1, -0.0625, "random-sample mean"), (saved.Excerpts, saved.Positions, saved.FailedExcerpts, saved.MeanActivation, saved.MeanSource));
        Assert.Equal(("unparsable", "a\tx", 2), (saved.Failures[0].Reason, saved.Failures[0].RawResponse, saved.Failures[0].SequenceIndex));
    }

    internal static ScoredSimulation Simulation(double score)
    {
        SequenceSimulation Sequence(string[] tokens, ActivationScale scale, SequenceSimulation? inner) => new(
            tokens, tokens.Select((_, i) => i * 1.7 + score).ToArray(), scale,
            tokens.Select(_ => (IReadOnlyList<double>)[0.0, 1, 10]).ToArray(),
            tokens.Select(_ => (IReadOnlyList<double>)[0.2, 0.30000000000000004, 0.5]).ToArray(), inner);
        ScoredSequenceSimulation Scored(string[] tokens) => new(
            Sequence(tokens, ActivationScale.NeuronActivations, Sequence(tokens, ActivationScale.SimulatedNormalizedActivations, null)),
            tokens.Select((_, i) => i * 0.25).ToArray(), double.NaN, 0.3, null);
        return new ScoredSimulation([Scored([" a", "\ud800"]), Scored([" x", " y", " z"])], score, -36.0, double.NegativeInfinity);
    }

    internal static void SameSimulation(ScoredSimulation expected, ScoredSimulation actual)
    {
        RecordAssert.SameValues(
            [expected.EvCorrelationScore!.Value, expected.RsquaredScore!.Value, expected.AbsoluteDevExplainedScore!.Value],
            [actual.EvCorrelationScore!.Value, actual.RsquaredScore!.Value, actual.AbsoluteDevExplainedScore!.Value]);
        Assert.Equal(expected.ScoredSequenceSimulations.Count, actual.ScoredSequenceSimulations.Count);
        foreach (var (e, a) in expected.ScoredSequenceSimulations.Zip(actual.ScoredSequenceSimulations))
        {
            RecordAssert.SameValues(e.TrueActivations, a.TrueActivations);
            RecordAssert.SameValues([e.EvCorrelationScore, e.RsquaredScore!.Value], [a.EvCorrelationScore, a.RsquaredScore!.Value]);
            Assert.Null(a.AbsoluteDevExplainedScore);
            for (SequenceSimulation? x = e.Simulation, y = a.Simulation; x is not null; x = x.UncalibratedSimulation, y = y.UncalibratedSimulation)
            {
                Assert.NotNull(y);
                Assert.Equal(x.Tokens, y.Tokens);
                Assert.Equal(x.ActivationScale, y.ActivationScale);
                RecordAssert.SameValues(x.ExpectedActivations, y.ExpectedActivations);
                Assert.Equal(x.DistributionValues.Count, y.DistributionValues.Count);
                for (var i = 0; i < x.DistributionValues.Count; i++)
                {
                    RecordAssert.SameValues(x.DistributionValues[i], y.DistributionValues[i]);
                    RecordAssert.SameValues(x.DistributionProbabilities[i], y.DistributionProbabilities[i]);
                }
            }
        }
    }
}
