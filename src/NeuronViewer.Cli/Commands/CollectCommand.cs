using System.CommandLine;
using System.Globalization;
using NeuronViewer.Core.Collection;
using NeuronViewer.SubjectModel.Checkpoints;
using NeuronViewer.SubjectModel.Collection;
using NeuronViewer.SubjectModel.Corpus;
using Spectre.Console;
using TorchSharp;

namespace NeuronViewer.Cli.Commands;

/// <summary><c>collect</c>: builds every neuron's NeuronRecord from a corpus, with a progress bar; rerunning resumes.</summary>
public static class CollectCommand
{
    public static Command Create()
    {
        var model = new Option<string?>("--model") { Description = "HF GPT-2 checkpoint folder, or 'bundled' (default: the configured model)." };
        var corpus = new Option<string?>("--corpus") { Description = "UTF-8 text file, folder of them, or 'bundled' (default: the configured corpus)." };
        var layers = new Option<string?>("--layers") { Description = "Layers to collect: 'all', a range '0-1' or a list '0,2,5' (default: all)." };
        var maxExcerpts = new Option<long?>("--max-excerpts") { Description = "Stop after this many 64-token excerpts of the corpus." };
        var output = new Option<string?>("--out") { Description = "Output folder for {layer}/{neuron}.json (default: <data folder>/activations)." };
        var seed = new Option<ulong>("--seed") { Description = "Seed of the random and quantile samples.", DefaultValueFactory = _ => 0 };
        var batch = new Option<int>("--batch-size") { Description = "Excerpts per forward pass.", DefaultValueFactory = _ => 16 };
        var command = new Command("collect", "Collect top, random and quantile excerpts and moments for every neuron (OpenAI's NeuronRecord).")
        {
            model, corpus, layers, maxExcerpts, output, seed, batch,
        };
        command.SetAction((parse, ct) => CommandErrors.Guard(parse, async (stdout, stderr, token) =>
        {
            var settings = CliSettings.Load();
            if (parse.GetValue(maxExcerpts) is long max && max < 1) throw new UsageException($"--max-excerpts must be positive, not {max}.");
            var text = TextCorpus.Open(parse.GetValue(corpus) ?? settings.Corpus);
            torch.set_num_threads(settings.Threads);
            using var m = CheckpointLoader.Load(parse.GetValue(model) ?? settings.ModelPath, settings.Device);
            var chosen = ParseLayers(parse.GetValue(layers), m.Config.Layers);
            var outFolder = parse.GetValue(output) ?? Path.Combine(settings.DataFolder, "activations");
            var request = new CollectionRequest(m, text, chosen, new CollectionSettings { Seed = parse.GetValue(seed) },
                parse.GetValue(maxExcerpts), parse.GetValue(batch), Path.Combine(settings.DataFolder, "checkpoints"));
            var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(stderr) });
            CollectionInfo info = null!;
            await console.Progress()
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
                .StartAsync(async ctx =>
                {
                    var task = ctx.AddTask("reading corpus");
                    var progress = new Progress<CollectionProgress>(p =>
                    {
                        task.MaxValue = Math.Max(1, p.Total);
                        task.Value = p.Processed;
                        task.Description = string.Create(CultureInfo.InvariantCulture,
                            $"{p.Stage}: {p.Processed:N0}/{p.Total:N0} excerpts, {p.TokensPerSecond:N0} tok/s");
                    });
                    info = await Task.Run(() => CollectionRunner.RunAsync(request, new OpenAiLayoutWriter(outFolder), progress, token), token);
                    task.Value = task.MaxValue;
                });
            await stdout.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"{info.Layers.Count * info.NeuronsPerLayer:N0} neurons from {info.Excerpts:N0} excerpts ({info.Tokens:N0} tokens) → {Path.GetFullPath(outFolder)}"));
            return 0;
        }, ct));
        return command;
    }

    /// <summary>Parses 'all', 'a-b' or 'a,b,c' against the model's layer count.</summary>
    internal static int[] ParseLayers(string? text, int count)
    {
        if (text is null || text == "all") return Enumerable.Range(0, count).ToArray();
        var result = new List<int>();
        foreach (var part in text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var ends = part.Split('-');
            if (ends.Length > 2 || !ends.All(e => int.TryParse(e, NumberStyles.None, CultureInfo.InvariantCulture, out _)))
                throw new UsageException($"--layers: '{part}' is not a layer or a range like 0-1.");
            int a = int.Parse(ends[0], CultureInfo.InvariantCulture), b = int.Parse(ends[^1], CultureInfo.InvariantCulture);
            if (b < a) throw new UsageException($"--layers: the range '{part}' is empty.");
            for (int l = a; l <= b; l++)
                result.Add(l < count ? l : throw new UsageException($"--layers: layer {l} is out of range; the model has layers 0-{count - 1}."));
        }
        return result.Count > 0 ? result.Distinct().Order().ToArray() : throw new UsageException("--layers names no layer.");
    }
}
