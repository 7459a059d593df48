using System.CommandLine;
using System.Globalization;
using NeuronViewer.Core.Ablation;
using NeuronViewer.Core.Records;
using NeuronViewer.Pipeline.Ablation;
using NeuronViewer.Pipeline.Stages;

namespace NeuronViewer.Cli.Commands;

/// <summary><c>ablate</c>: ablation scores of a stored neuron's explanations (or of one text), one JSON line each, best first; stored candidates' results are saved.</summary>
public static class AblateCommand
{
    public static Command Create()
    {
        var (layer, neuron) = ProviderSwitches.NeuronOptions();
        var explanation = new Option<string?>("--explanation") { Description = "Ablate this text only (stored too when it is one of the neuron's candidates); default: every stored candidate." };
        var simulator = new Option<string?>("--simulator") { Description = "offline (lexical baseline), chat, completions or json (default: the configured one)." };
        simulator.AcceptOnlyFromAmong("offline", "chat", "completions", "json");
        var divergence = new Option<string>("--divergence") { Description = "jsd (Jensen–Shannon, natural log) or kl (KL(original ‖ ablated)).", DefaultValueFactory = _ => "jsd" };
        var batch = new Option<int>("--batch-size") { Description = "Excerpts per forward pass.", DefaultValueFactory = _ => 4 };
        var provider = new ProviderSwitches();
        var command = new Command("ablate", "Ablation-score explanations: replace the neuron by its calibrated simulation and compare the output with mean-ablation.")
        {
            layer, neuron, explanation, simulator, divergence, batch,
        };
        provider.AddTo(command);
        command.SetAction((parse, ct) => CommandErrors.Guard(parse, async (stdout, stderr, token) =>
        {
            var id = new NeuronId(parse.GetValue(layer), parse.GetValue(neuron));
            if (id.LayerIndex < 0 || id.NeuronIndex < 0) throw new UsageException($"--layer and --neuron must be 0 or more, not {id.LayerIndex} and {id.NeuronIndex}.");
            if (parse.GetValue(batch) < 1) throw new UsageException($"--batch-size must be positive, not {parse.GetValue(batch)}.");
            var choice = provider.Choice(parse, null, parse.GetValue(simulator));
            var options = new AblationOptions
            {
                Divergence = Divergences.Parse(parse.GetValue(divergence)!), ExamplesPerSplit = parse.GetValue(provider.ExamplesPerSplit), BatchSize = parse.GetValue(batch),
            };
            await using var services = CliServices.Create(parse);
            var sim = await services.Backends.SimulatorAsync(choice, token);
            var stage = services.Get<AblateStage>();
            var outcome = parse.GetValue(explanation) is { } text
                ? await stage.AblateTextAsync(id, text, sim, options, token)
                : await stage.AblateNeuronAsync(id, sim, options, redo: true, cancellationToken: token);
            stage.Save(outcome);
            foreach (var (stored, ablation) in outcome.Ranked)
                await stdout.WriteLineAsync(AblationJson.Line(ablation, stored?.Id));
            await stderr.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"neuron {id}: {outcome.Ranked.Count} explanation(s) on {outcome.Ranked[0].Ablation.TopAndRandom.Records} excerpts ({sim.Info.Label}); {outcome.Cost.ExcerptPasses} excerpt passes, {outcome.Cost.Tokens:N0} tokens, {outcome.Cost.Elapsed.TotalSeconds:F1} s; {(outcome.Rows.Count > 0 ? "stored" : "not stored (not a stored candidate)")}"));
            return 0;
        }, ct));
        return command;
    }
}
