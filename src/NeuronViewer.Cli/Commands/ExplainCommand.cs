using System.CommandLine;
using System.Text.Json;
using NeuronViewer.Core.Records;
using NeuronViewer.Pipeline.Stages;

namespace NeuronViewer.Cli.Commands;

/// <summary><c>explain</c>: asks the explainer for candidate explanations of one neuron, stores them and prints them as JSON.</summary>
public static class ExplainCommand
{
    public static Command Create()
    {
        var (layer, neuron) = ProviderSwitches.NeuronOptions();
        var explainer = new Option<string?>("--explainer") { Description = "offline (statistics baseline) or openai (the configured provider)." };
        explainer.AcceptOnlyFromAmong("offline", "openai");
        var candidates = new Option<int>("--candidates") { Description = "Candidate explanations to ask for.", DefaultValueFactory = _ => 5 };
        var seed = new Option<int?>("--seed") { Description = "Sampling seed, when the provider honours one." };
        var provider = new ProviderSwitches();
        var command = new Command("explain", "Explain one neuron: candidate explanations from its top-activating excerpts, stored with provenance, usage and cost.")
        {
            layer, neuron, explainer, candidates, seed,
        };
        provider.AddTo(command);
        command.SetAction((parse, ct) => CommandErrors.Guard(parse, async (stdout, _, token) =>
        {
            if (parse.GetValue(candidates) < 1) throw new UsageException($"--candidates must be at least 1, not {parse.GetValue(candidates)}.");
            var choice = provider.Choice(parse, parse.GetValue(explainer), null);
            await using var services = CliServices.Create(parse);
            var id = new NeuronId(parse.GetValue(layer), parse.GetValue(neuron));
            var backend = services.Backends.Explainer(choice);
            var settings = new ExplainSettings(parse.GetValue(candidates), parse.GetValue(provider.ExamplesPerSplit), parse.GetValue(seed), services.Backends.ExplainerOptions(choice));
            var stage = services.Get<ExplainStage>();
            var outcome = await stage.ExplainAsync(id, backend, settings, skipExplained: false, cancellationToken: token);
            if (outcome.Skipped) throw new UsageException($"Neuron {id.LayerIndex}:{id.NeuronIndex} never activates positively on the corpus: there is nothing to explain.");
            if (outcome.Failed) throw new ExplainerFailedException(outcome.FailureText);
            stage.Save(outcome);
            var usage = outcome.Result!.Usage;
            await stdout.WriteLineAsync(JsonSerializer.Serialize(new
            {
                layer = id.LayerIndex, neuron = id.NeuronIndex, explainer = backend.Info.Label,
                explanations = outcome.Explanations.Select(e => e.Text),
                usage = new { requests = usage.Requests, prompt_tokens = usage.PromptTokens, completion_tokens = usage.CompletionTokens },
                estimated_cost_usd = outcome.Explanations.Sum(e => e.EstimatedCostUsd),
            }, CliJson.Options));
            return 0;
        }, ct));
        return command;
    }
}

/// <summary>The explainer answered but gave nothing usable; the message carries its reason and raw response.</summary>
public sealed class ExplainerFailedException(string message) : Exception(message);
