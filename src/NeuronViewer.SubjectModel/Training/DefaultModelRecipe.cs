using System.Text.Json;
using NeuronViewer.SubjectModel.Checkpoints;
using NeuronViewer.SubjectModel.Corpus;
using NeuronViewer.SubjectModel.Tokenization;

namespace NeuronViewer.SubjectModel.Training;

/// <summary>Re-creates the bundled model: split the corpus by document, train, save as F16 HF checkpoint, report held-out loss.</summary>
public static class DefaultModelRecipe
{
    /// <summary>Every <c>HeldOutEvery</c>-th document (index ≡ 10 mod 20) is held out for the loss report.</summary>
    public const int HeldOutEvery = 20;

    /// <summary>Token streams of the training and held-out documents, each document followed by &lt;|endoftext|&gt;.</summary>
    public static (int[] Train, int[] HeldOut) Split(TextCorpus corpus)
    {
        var tok = Gpt2Tokenizer.Shared;
        var train = new List<int>();
        var heldOut = new List<int>();
        int index = 0;
        foreach (var doc in corpus.Documents())
        {
            var target = index++ % HeldOutEvery == 10 ? heldOut : train;
            target.AddRange(tok.Encode(doc));
            target.Add(Gpt2Tokenizer.EndOfText);
        }
        return (train.ToArray(), heldOut.ToArray());
    }

    /// <summary>Trains and writes config.json, model.safetensors (F16) and training-report.json into <paramref name="outFolder"/>.</summary>
    public static TrainingReport Run(TextCorpus corpus, string outFolder, TrainingOptions options, TextWriter log, CancellationToken ct = default)
    {
        var (train, heldOut) = Split(corpus);
        log.WriteLine($"corpus {corpus.Name}: {train.Length:N0} training tokens, {heldOut.Length:N0} held-out tokens");
        var (model, report) = Trainer.Train(train, heldOut, options, log, ct);
        using (model)
            CheckpointWriter.Save(model, outFolder, asFloat16: true);
        using var shipped = CheckpointLoader.Load(outFolder);
        report = report with { HeldOutLoss = Trainer.HeldOutLoss(shipped, heldOut, options.SequenceLength) };
        var json = JsonSerializer.Serialize(new
        {
            report.Steps,
            report.TrainTokens,
            report.HeldOutTokens,
            report.TokensSeen,
            report.FinalTrainLoss,
            HeldOutLossOfShippedF16Model = report.HeldOutLoss,
            AddOneUnigramHeldOutLoss = report.UnigramHeldOutLoss,
            report.Seconds,
            report.Threads,
            report.Seed,
            Options = options,
            HeldOut = $"documents whose index mod {HeldOutEvery} is 10",
        }, new JsonSerializerOptions { WriteIndented = true, NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals });
        File.WriteAllText(Path.Combine(outFolder, "training-report.json"), json);
        log.WriteLine($"held-out loss {report.HeldOutLoss:F4} nats/token vs add-one unigram {report.UnigramHeldOutLoss:F4}; {report.Seconds:F0} s");
        return report;
    }
}
