using NeuronViewer.SubjectModel.Model;

namespace NeuronViewer.SubjectModel.Training;

/// <summary>Hyper-parameters of a training run (AdamW, warm-up then cosine decay, decoupled weight decay on matrices).</summary>
public sealed record TrainingOptions(
    Gpt2Config Shape,
    int Steps,
    int BatchSize,
    int SequenceLength,
    double LearningRate,
    double FinalLearningRate,
    int WarmupSteps,
    double WeightDecay,
    double Dropout,
    ulong Seed,
    int Threads)
{
    /// <summary>The recipe of the bundled model: 6 layers × 512 neurons, d_model 128, the real GPT-2 vocabulary.</summary>
    public static TrainingOptions BundledDefault { get; } = new(
        Shape: new Gpt2Config(VocabSize: 50257, ContextLength: 128, ModelDim: 128, Layers: 6, Heads: 4, MlpDim: 512, LayerNormEpsilon: 1e-5),
        Steps: 400,
        BatchSize: 16,
        SequenceLength: 128,
        LearningRate: 3e-3,
        FinalLearningRate: 2e-4,
        WarmupSteps: 40,
        WeightDecay: 0.1,
        Dropout: 0,
        Seed: 20240601,
        Threads: 2);

    /// <summary>The learning rate at a step: linear warm-up, then cosine decay to <see cref="FinalLearningRate"/>.</summary>
    public double LearningRateAt(int step)
    {
        if (step < WarmupSteps) return LearningRate * (step + 1) / WarmupSteps;
        double progress = (double)(step - WarmupSteps) / Math.Max(1, Steps - WarmupSteps);
        return FinalLearningRate + 0.5 * (LearningRate - FinalLearningRate) * (1 + Math.Cos(Math.PI * Math.Min(1, progress)));
    }
}

/// <summary>What a training run achieved: held-out loss against a unigram baseline, and its cost.</summary>
public sealed record TrainingReport(
    int Steps,
    long TrainTokens,
    long HeldOutTokens,
    long TokensSeen,
    double FinalTrainLoss,
    double HeldOutLoss,
    double UnigramHeldOutLoss,
    double Seconds,
    int Threads,
    ulong Seed);
