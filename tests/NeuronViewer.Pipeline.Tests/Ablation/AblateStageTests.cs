using NeuronViewer.Core.Ablation;
using NeuronViewer.Core.Slicing;
using NeuronViewer.Explainers.Offline;
using NeuronViewer.Pipeline.Ablation;
using NeuronViewer.Storage.Runs;
using StoredSet = NeuronViewer.Storage.Scores.EvaluationSet;

namespace NeuronViewer.Pipeline.Tests.Ablation;

/// <summary>The ablate stage with the real bundled model and a real database: scores, failures, provenance, skipping, refusals.</summary>
public sealed class AblateStageTests(AblationWorld world) : IClassFixture<AblationWorld>
{
    /// <summary>The mean of the calibration split's activations: what a constant simulation is calibrated to.</summary>
    private double CalibrationMean => world.Record(0).CalibrationActivationRecords(new ActivationRecordSliceParams(2)).SelectMany(r => r.Activations).ToList().Average();

    [Fact]
    public async Task Real_activations_score_one_a_constant_at_the_mean_zero_and_a_shuffle_below_with_provenance_stored()
    {
        var (store, stage, ids) = world.Store(CalibrationMean, "constant", "real", "shuffled");
        using var _ = store;
        var outcome = await stage.AblateNeuronAsync(AblationWorld.Neuron, new KnowingSimulator(world, KnowingSimulator.ByName), AblationWorld.Options2, jobId: 7);
        stage.Save(outcome);

        var real = outcome.Ranked[0].Ablation;
        Assert.Equal("real", real.Explanation);
        Assert.Equal(1.0, real.TopAndRandom.Score!.Value, tolerance: 1e-6);
        Assert.Equal(1.0, real.RandomOnly.Score!.Value, tolerance: 1e-6);
        Assert.Equal((1 / 3.0, -1 / 3.0), (Math.Round(real.Calibration!.Slope, 9), Math.Round(real.Calibration.Intercept, 9)), new Tolerance());
        var constant = outcome.Ranked.Single(r => r.Ablation.Explanation == "constant").Ablation;
        Assert.Equal(0.0, constant.TopAndRandom.Score!.Value, tolerance: 1e-9);
        Assert.Equal(0.0, constant.RandomOnly.Score!.Value, tolerance: 1e-9);
        var shuffled = outcome.Ranked.Single(r => r.Ablation.Explanation == "shuffled").Ablation;
        Assert.True(shuffled.TopAndRandom.Score < real.TopAndRandom.Score - 0.05, $"shuffled {shuffled.TopAndRandom.Score}");
        // Valid split with n = 2: 2 top + 2 random excerpts of 24 tokens; original and mean passes shared by the 3 explanations.
        Assert.Equal((4, 96, 2, 48), (real.TopAndRandom.Records, real.TopAndRandom.Positions, real.RandomOnly.Records, real.RandomOnly.Positions));
        Assert.Equal((2 + 3) * 4, outcome.Cost.ExcerptPasses);

        var rows = store.Ablations.ForExplanation(ids[1]);
        Assert.Equal([StoredSet.TopAndRandom, StoredSet.RandomOnly], rows.Select(r => r.Set));
        var row = rows[0];
        Assert.Equal(real.TopAndRandom.Score, row.Score);
        Assert.Equal((real.TopAndRandom.DSimulated, real.TopAndRandom.DMeanAblated), (row.DivergenceSimulated, row.DivergenceMeanAblated));
        Assert.Equal(("jsd", 4, 96, 0, "record mean", CalibrationMean), (row.Divergence, row.Excerpts, row.Positions, row.FailedExcerpts, row.MeanSource, row.MeanActivation));
        Assert.Equal(("linear", 4), (row.Calibration!.Method, row.Calibration.Records));
        Assert.Equal(real.Calibration.Slope, row.Calibration.Parameters[0]);
        Assert.Equal(("bundled", world.Model.Info.Revision, "brown"), (row.Provenance!.SubjectModel, row.Provenance.SubjectModelRevision, row.Provenance.Dataset));
        Assert.Equal(("knowing", 7L), (row.Simulator!.Model, row.JobId));
        // The browser row shows the ablation score of its best explanation (by correlation; unscored here, so the first).
        var summary = store.Summaries.Get(AblationWorld.Neuron)!;
        Assert.Equal(ids[0], summary.BestExplanationId);
        Assert.Equal(constant.TopAndRandom.Score, summary.AblationScore);
    }

    [Fact]
    public async Task Failed_simulations_are_left_out_and_counted_and_an_uncalibrated_explanation_is_null_with_a_reason()
    {
        var (store, stage, ids) = world.Store(CalibrationMean, "real", "broken");
        using var _ = store;
        var failing = world.Random[1].Tokens; // the first random excerpt of the valid split (random stride 3: indices 1, 4)
        var simulator = new KnowingSimulator(world, KnowingSimulator.ByName, (e, tokens) => e == "broken" || tokens.SequenceEqual(failing));
        var outcome = await stage.AblateNeuronAsync(AblationWorld.Neuron, simulator, AblationWorld.Options2);
        stage.Save(outcome);

        var real = outcome.Ranked[0].Ablation;
        Assert.Equal((3, 72, 1, 24, 1), (real.TopAndRandom.Records, real.TopAndRandom.Positions, real.RandomOnly.Records, real.RandomOnly.Positions, real.FailedExcerpts));
        Assert.Equal(1.0, real.TopAndRandom.Score!.Value, tolerance: 1e-6);
        var rows = store.Ablations.ForExplanation(ids[0]);
        var failure = Assert.Single(rows[0].Failures);
        Assert.Equal((2, "raw: <garbled>", 1), (failure.SequenceIndex, failure.RawResponse, rows[0].FailedExcerpts));
        Assert.Equal(failing, failure.Tokens);
        Assert.Equal(0, Assert.Single(rows[1].Failures).SequenceIndex);

        var broken = store.Ablations.ForExplanation(ids[1]);
        Assert.All(broken, r => Assert.Null(r.Score));
        Assert.Contains("no calibration record", broken[0].NullReason);
        Assert.Equal((4, 8, "none"), (broken[0].FailedExcerpts, broken[0].Failures.Count, broken[0].Calibration!.Method));
        Assert.All(broken[0].Failures.Where(f => f.SequenceIndex < 0), f => Assert.StartsWith("calibration split:", f.Reason));
    }

    [Fact]
    public async Task Kl_is_recorded_and_candidates_already_ablated_with_the_same_simulator_and_divergence_are_skipped()
    {
        var (store, stage, _) = world.Store(CalibrationMean, "real");
        using var __ = store;
        var simulator = new KnowingSimulator(world, KnowingSimulator.ByName);
        var kl = AblationWorld.Options2 with { Divergence = DivergenceKind.Kl };
        var outcome = await stage.AblateNeuronAsync(AblationWorld.Neuron, simulator, kl);
        stage.Save(outcome);
        Assert.Equal(1.0, outcome.Ranked[0].Ablation.TopAndRandom.Score!.Value, tolerance: 1e-6);
        Assert.All(store.Ablations.ForNeuron(AblationWorld.Neuron), r => Assert.Equal("kl", r.Divergence));
        Assert.True((await stage.AblateNeuronAsync(AblationWorld.Neuron, simulator, kl)).Skipped);
        Assert.False((await stage.AblateNeuronAsync(AblationWorld.Neuron, simulator, AblationWorld.Options2)).Skipped);
        Assert.False((await stage.AblateNeuronAsync(AblationWorld.Neuron, simulator, kl, redo: true)).Skipped);
    }

    [Fact]
    public async Task The_mean_falls_back_to_the_random_sample_and_the_offline_simulator_runs_end_to_end()
    {
        var (store, stage, _) = world.Store(double.NaN, "the word ' jury'");
        using var _ = store;
        var outcome = await stage.AblateTextAsync(AblationWorld.Neuron, "the word ' jury'", new LexicalSimulator(world.Model.Embeddings), AblationWorld.Options2);
        var a = outcome.Ranked[0].Ablation;
        Assert.Equal(MeanSource.RandomSample, a.Mean.Source);
        Assert.Equal(world.Random.SelectMany(r => r.Activations).Average(), a.Mean.Value, tolerance: 1e-12);
        Assert.True(a.TopAndRandom.DMeanAblated > AblationScoring.NullThreshold);
        Assert.True(a.TopAndRandom.Score <= 1);
        Assert.Equal(2, outcome.Rows.Count);
        Assert.Equal("random-sample mean", outcome.Rows[0].MeanSource);
        Assert.Empty((await stage.AblateTextAsync(AblationWorld.Neuron, "not a stored candidate", new LexicalSimulator(), AblationWorld.Options2)).Rows);
    }

    [Fact]
    public async Task Records_of_another_model_and_neurons_without_record_or_explanation_are_refused_by_name()
    {
        var (store, stage, _) = world.Store(0.1, "real");
        using var _ = store;
        var simulator = new KnowingSimulator(world, KnowingSimulator.ByName);
        var e1 = await Assert.ThrowsAsync<ArgumentException>(() => stage.AblateNeuronAsync(new(2, 38), simulator, AblationWorld.Options2));
        Assert.Contains("2:38 has no record", e1.Message);
        var other = store.Runs.Create(new CollectionRun { SubjectModel = "gpt2", SubjectModelRevision = "sha256:0123456789abcdef" });
        store.Records.Save(other, world.Record(0.1) with { NeuronId = new(1, 5) });
        var e2 = await Assert.ThrowsAsync<ArgumentException>(() => stage.AblateTextAsync(new(1, 5), "x", simulator, AblationWorld.Options2));
        Assert.Contains("loaded subject model is bundled", e2.Message);
        var e3 = await Assert.ThrowsAsync<ArgumentException>(() => stage.AblateNeuronAsync(new(1, 5), simulator, AblationWorld.Options2));
        Assert.Contains("no explanation to ablate", e3.Message);
    }

    private sealed class Tolerance : IEqualityComparer<(double, double)>
    {
        public bool Equals((double, double) x, (double, double) y) => Math.Abs(x.Item1 - y.Item1) < 1e-6 && Math.Abs(x.Item2 - y.Item2) < 1e-6;

        public int GetHashCode((double, double) obj) => 0;
    }
}
