using System.CommandLine;
using NeuronViewer.SubjectModel.Corpus;
using NeuronViewer.SubjectModel.Training;

namespace NeuronViewer.Cli.Commands;

/// <summary><c>train-default</c>: re-creates the bundled model from the bundled corpus (deterministic for the seed).</summary>
public static class TrainDefaultCommand
{
    public static Command Create()
    {
        var corpus = new Option<string>("--corpus") { Description = "Training corpus (file, folder or 'bundled').", DefaultValueFactory = _ => "bundled" };
        var output = new Option<string>("--out") { Description = "Checkpoint folder to write.", DefaultValueFactory = _ => "src/NeuronViewer.SubjectModel/Bundled/model" };
        var steps = new Option<int?>("--steps") { Description = "Override the number of training steps (the recipe's default re-creates the bundled model)." };
        var threads = new Option<int?>("--threads") { Description = "Torch threads (default: the recipe's 2)." };
        var command = new Command("train-default", "Re-create the bundled subject model: train GPT-2 (6 layers × 512 neurons) on the bundled corpus.")
        {
            corpus, output, steps, threads,
        };
        command.SetAction((parse, ct) => CommandErrors.Guard(parse, (stdout, _, token) =>
        {
            var options = TrainingOptions.BundledDefault;
            if (parse.GetValue(steps) is int s)
                options = options with { Steps = s > 0 ? s : throw new UsageException($"--steps must be positive, not {s}."), WarmupSteps = Math.Min(options.WarmupSteps, Math.Max(1, s / 10)) };
            if (parse.GetValue(threads) is int t) options = options with { Threads = t > 0 ? t : throw new UsageException($"--threads must be positive, not {t}.") };
            var text = TextCorpus.Open(parse.GetValue(corpus)!);
            text.Validate();
            DefaultModelRecipe.Run(text, parse.GetValue(output)!, options, stdout, token);
            return Task.FromResult(0);
        }, ct));
        return command;
    }
}
