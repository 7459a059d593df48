using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using NeuronViewer.Core.Ablation;
using NeuronViewer.Core.Records;
using NeuronViewer.Pipeline;
using NeuronViewer.Pipeline.Ablation;
using NeuronViewer.Pipeline.Stages;
using NeuronViewer.Pipeline.Subject;
using NeuronViewer.Storage;

namespace NeuronViewer.Cli.Commands;

/// <summary><c>ablate</c>: ablation scores of a stored neuron's explanations (or of one text), one JSON line each, best first; stored candidates' results are saved.</summary>
public static class AblateCommand
{
    public static Command Create()
    {
        var layer = new Option<int>("--layer") { Description = "The neuron's layer.", Required = true };
        var neuron = new Option<int>("--neuron") { Description = "The neuron's index in its layer.", Required = true };
        var explanation = new Option<string?>("--explanation") { Description = "Ablate this text only (stored too when it is one of the neuron's candidates); default: every stored candidate." };
        var simulator = new Option<string?>("--simulator") { Description = "offline, chat, completions or json (default: the configured provider)." };
        var simulatorModel = new Option<string?>("--simulator-model") { Description = "The simulator's model (default: the configured one)." };
        var divergence = new Option<string>("--divergence") { Description = "jsd (Jensen–Shannon, natural log) or kl (KL(original ‖ ablated)).", DefaultValueFactory = _ => "jsd" };
        var perSplit = new Option<int?>("--examples-per-split") { Description = "Records per split (default: as many as the record allows)." };
        var batch = new Option<int>("--batch-size") { Description = "Excerpts per forward pass.", DefaultValueFactory = _ => 4 };
        var dataFolder = new Option<string?>("--data-folder") { Description = "The data folder holding the database (default: the configured one)." };
        var command = new Command("ablate", "Ablation-score explanations: replace the neuron by its calibrated simulation and compare the output with mean-ablation.")
        {
            layer, neuron, explanation, simulator, simulatorModel, divergence, perSplit, batch, dataFolder,
        };
        command.SetAction((parse, ct) => CommandErrors.Guard(parse, async (stdout, stderr, token) =>
        {
            var settings = CliSettings.Load();
            var id = new NeuronId(parse.GetValue(layer), parse.GetValue(neuron));
            if (id.LayerIndex < 0 || id.NeuronIndex < 0) throw new UsageException($"--layer and --neuron must be 0 or more, not {id.LayerIndex} and {id.NeuronIndex}.");
            if (parse.GetValue(batch) < 1) throw new UsageException($"--batch-size must be positive, not {parse.GetValue(batch)}.");
            if (parse.GetValue(perSplit) is < 1 and var n) throw new UsageException($"--examples-per-split must be positive, not {n}.");
            var options = new AblationOptions { Divergence = Divergences.Parse(parse.GetValue(divergence)!), ExamplesPerSplit = parse.GetValue(perSplit), BatchSize = parse.GetValue(batch) };
            var backend = new BackendChoice { Simulator = parse.GetValue(simulator), SimulatorModel = parse.GetValue(simulatorModel) };
            var configuration = NeuronViewerConfiguration.Build();
            using var store = Open(parse.GetValue(dataFolder) ?? settings.DataFolder);
            using var host = new SubjectModelHost(Options.Create(new SubjectModelOptions { Path = settings.ModelPath, Device = settings.Device, Threads = settings.Threads }));
            var stage = new AblateStage(store, host);
            var sim = await Configured(() => new BackendResolver(configuration, host).SimulatorAsync(backend, token));
            var text = parse.GetValue(explanation);
            var outcome = text is null
                ? await stage.AblateNeuronAsync(id, sim, options, redo: true, cancellationToken: token)
                : await stage.AblateTextAsync(id, text, sim, options, token);
            Configured(() => { stage.Save(outcome); return 0; });
            foreach (var (stored, ablation) in outcome.Ranked)
                await stdout.WriteLineAsync(AblationJson.Line(ablation, stored?.Id));
            await stderr.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"neuron {id}: {outcome.Ranked.Count} explanation(s) on {outcome.Ranked[0].Ablation.TopAndRandom.Records} excerpts; {outcome.Cost.ExcerptPasses} excerpt passes, {outcome.Cost.Tokens:N0} tokens, {outcome.Cost.Elapsed.TotalSeconds:F1} s; {(outcome.Rows.Count > 0 ? "stored" : "not stored (not a stored candidate)")}"));
            return 0;
        }, ct));
        return command;
    }

    private static NeuronViewerStore Open(string folder) => Configured(() => NeuronViewerStore.Open(folder));

    /// <summary>Storage and provider problems are the user's to fix: a one-line error, not a stack trace.</summary>
    private static T Configured<T>(Func<T> work)
    {
        try
        {
            return work();
        }
        catch (Exception e) when (e is StorageException or InvalidOperationException)
        {
            throw new UsageException(e.Message);
        }
    }

    private static async Task<T> Configured<T>(Func<Task<T>> work)
    {
        try
        {
            return await work();
        }
        catch (Exception e) when (e is StorageException or InvalidOperationException)
        {
            throw new UsageException(e.Message);
        }
    }
}
