using System.CommandLine;
using System.Globalization;
using NeuronViewer.Pipeline.Jobs;
using NeuronViewer.Pipeline.Stages;
using NeuronViewer.Pipeline.Subject;

namespace NeuronViewer.Cli.Commands;

/// <summary><c>collect</c>: builds every neuron's NeuronRecord into the data folder's database (and OpenAI-layout files with --out); rerunning resumes.</summary>
public static class CollectCommand
{
    public static Command Create()
    {
        var model = new Option<string?>("--model") { Description = "HF GPT-2 checkpoint folder, or 'bundled' (default: the configured model)." };
        var corpus = new Option<string?>("--corpus") { Description = "UTF-8 text file, folder of them, or 'bundled' (default: the configured corpus)." };
        var layers = new Option<string?>("--layers") { Description = "Layers to collect: 'all', a range '0-1' or a list '0,2,5' (default: all)." };
        var maxExcerpts = new Option<long?>("--max-excerpts") { Description = "Stop after this many 64-token excerpts of the corpus." };
        var output = new Option<string?>("--out") { Description = "Also write OpenAI-layout files {layer}/{neuron}.json to this folder." };
        var seed = new Option<ulong>("--seed") { Description = "Seed of the random and quantile samples.", DefaultValueFactory = _ => 0 };
        var batch = new Option<int>("--batch-size") { Description = "Excerpts per forward pass.", DefaultValueFactory = _ => 16 };
        var command = new Command("collect", "Collect top, random and quantile excerpts and moments for every neuron (OpenAI's NeuronRecord) into the database.")
        {
            model, corpus, layers, maxExcerpts, output, seed, batch,
        };
        command.SetAction((parse, ct) => CommandErrors.Guard(parse, async (stdout, stderr, token) =>
        {
            if (parse.GetValue(maxExcerpts) is long max && max < 1) throw new UsageException($"--max-excerpts must be positive, not {max}.");
            if (parse.GetValue(batch) < 1) throw new UsageException($"--batch-size must be positive, not {parse.GetValue(batch)}.");
            await using var services = CliServices.Create(parse, new Dictionary<string, string?> { [SubjectModelOptions.Section + ":Path"] = parse.GetValue(model) });
            var loaded = await services.Model.GetAsync(token);
            var parameters = new CollectParameters
            {
                Layers = ParseLayers(parse.GetValue(layers), loaded.Info.Layers), MaxExcerpts = parse.GetValue(maxExcerpts),
                Corpus = parse.GetValue(corpus), Seed = parse.GetValue(seed), BatchSize = parse.GetValue(batch), OutFolder = parse.GetValue(output),
            };
            CollectOutcome outcome = null!;
            await CliProgress.RunAsync(stderr, async ctx =>
            {
                var task = ctx.AddTask("reading corpus");
                var progress = new Relay(p => CliProgress.Show(task, p));
                outcome = await services.Get<CollectStage>().RunAsync(parameters, null, progress, token);
                task.Value = task.MaxValue;
            });
            var files = parameters.OutFolder is { } o ? $" and {Path.GetFullPath(o)}" : "";
            await stdout.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"{outcome.Records:N0} neurons from {outcome.Info.Excerpts:N0} excerpts ({outcome.Info.Tokens:N0} tokens) → {services.Store.DatabasePath} (run {outcome.RunId}){files}"));
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

    private sealed class Relay(Action<JobItemProgress> report) : IProgress<JobItemProgress>
    {
        public void Report(JobItemProgress value) => report(value);
    }
}
