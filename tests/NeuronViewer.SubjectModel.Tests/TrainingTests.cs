using NeuronViewer.SubjectModel.Checkpoints;
using NeuronViewer.SubjectModel.Model;
using NeuronViewer.SubjectModel.Training;

namespace NeuronViewer.SubjectModel.Tests;

/// <summary>The trainer learns (loss falls below a unigram baseline), is reproducible, and the bundled model has learned.</summary>
public class TrainingTests
{
    /// <summary>A stream with structure a model can learn: counting runs of random length.</summary>
    private static int[] Stream(int length, ulong seed)
    {
        var rng = new Core.Collection.SplitMix64(seed);
        var s = new List<int>();
        while (s.Count < length)
        {
            int start = (int)rng.NextInt64(40), run = 3 + (int)rng.NextInt64(8);
            for (int i = 0; i < run; i++) s.Add(start + i);
        }
        return s.Take(length).ToArray();
    }

    private static readonly TrainingOptions Tiny = new(new Gpt2Config(64, 32, 32, 1, 2, 64, 1e-5),
        Steps: 60, BatchSize: 8, SequenceLength: 32, LearningRate: 1e-2, FinalLearningRate: 1e-3, WarmupSteps: 5, WeightDecay: 0.01, Dropout: 0, Seed: 5, Threads: 1);

    [Fact]
    public void A_few_steps_of_training_drive_held_out_loss_below_the_start_and_the_unigram_baseline()
    {
        var train = Stream(20_000, 1);
        var heldOut = Stream(2_000, 2);
        var (model, report) = Trainer.Train(train, heldOut, Tiny, TextWriter.Null);
        using (model)
        {
            using var untrained = RandomGpt2.Create(Tiny.Shape, 9);
            double before = Trainer.HeldOutLoss(untrained, heldOut, 32);
            Assert.True(report.HeldOutLoss < before - 1, $"held-out loss {report.HeldOutLoss} vs {before} untrained");
            Assert.True(report.HeldOutLoss < report.UnigramHeldOutLoss - 0.5, $"held-out loss {report.HeldOutLoss} vs unigram {report.UnigramHeldOutLoss}");
        }
    }

    [Fact]
    public void The_same_seed_trains_the_same_weights()
    {
        var train = Stream(5_000, 3);
        var options = Tiny with { Steps = 5 };
        var (a, _) = Trainer.Train(train, train[..500], options, TextWriter.Null);
        var (b, _) = Trainer.Train(train, train[..500], options, TextWriter.Null);
        using (a) using (b)
            Assert.Equal(a.Weights.Wte.data<float>().ToArray(), b.Weights.Wte.data<float>().ToArray());
    }

    [Fact]
    public void The_bundled_model_loads_with_the_gpt2_vocabulary_and_beats_a_unigram_model_on_held_out_text()
    {
        using var model = CheckpointLoader.Load("bundled");
        Assert.Equal(50257, model.Config.VocabSize);
        Assert.True(model.Config.Layers >= 4 && model.Config.MlpDim >= 256);
        Assert.True(new FileInfo(Path.Combine(BundledAssets.ModelFolder, "model.safetensors")).Length <= 16_000_000);
        var (train, heldOut) = DefaultModelRecipe.Split(Corpus.TextCorpus.Open("bundled"));
        double loss = Trainer.HeldOutLoss(model, heldOut[..8192], 64);
        double unigram = Trainer.UnigramLoss(train, heldOut[..8192], 50257);
        Assert.True(loss < unigram - 0.5, $"bundled model held-out loss {loss:F3} vs unigram {unigram:F3}");
    }
}
