using System.CommandLine;
using System.Text.Json;
using NeuronViewer.Core.Records;
using NeuronViewer.Explainers.Scoring;
using NeuronViewer.Pipeline.Stages;
using NeuronViewer.Storage.Scores;

namespace NeuronViewer.Cli.Commands;

/// <summary>
/// <c>score</c>: scores one neuron's candidate explanations (stored, best-of-N) or a given text (not stored) and prints
/// <c>{"ev_correlation_score", "rsquared_score", "absolute_dev_explained_score", "random_only": {…}, "failed_sequences"}</c>.
/// </summary>
public static class ScoreCommand
{
    public static Command Create()
    {
        var (layer, neuron) = ProviderSwitches.NeuronOptions();
        var explanation = new Option<string?>("--explanation") { Description = "Score this text instead of the stored candidates (printed, not stored)." };
        var simulator = new Option<string?>("--simulator") { Description = "offline (lexical baseline), chat, completions or json (default: the configured one)." };
        simulator.AcceptOnlyFromAmong("offline", "chat", "completions", "json");
        var seed = new Option<int?>("--seed") { Description = "Seed recorded with the score." };
        var provider = new ProviderSwitches();
        var command = new Command("score", "Score explanations of one neuron by simulation: top-and-random and random-only correlation.")
        {
            layer, neuron, explanation, simulator, seed,
        };
        provider.AddTo(command);
        command.SetAction((parse, ct) => CommandErrors.Guard(parse, async (stdout, stderr, token) =>
        {
            var choice = provider.Choice(parse, null, parse.GetValue(simulator));
            await using var services = CliServices.Create(parse);
            var id = new NeuronId(parse.GetValue(layer), parse.GetValue(neuron));
            var sim = await services.Backends.SimulatorAsync(choice, token);
            var settings = new ScoreSettings(parse.GetValue(provider.ExamplesPerSplit), parse.GetValue(seed), services.Backends.SimulatorOptions(choice));
            var stage = services.Get<ScoreStage>();
            if (parse.GetValue(explanation) is { } text)
            {
                var score = await stage.ScoreTextAsync(id, text, sim, settings, token);
                await stdout.WriteLineAsync(Json(score));
                return 0;
            }
            var outcome = await stage.ScoreNeuronAsync(id, sim, settings, cancellationToken: token);
            if (outcome.AllFailed)
            {
                await stdout.WriteLineAsync(Json(outcome.Best!));
                await stderr.WriteLineAsync("error: " + outcome.FailureText.ReplaceLineEndings(" "));
                return CommandErrors.Failed;
            }
            stage.Save(outcome);
            var stored = services.Store.Scores.ForNeuron(id).Where(s => s.Simulator == sim.Info).ToList();
            var best = stored.Where(s => s.Set == EvaluationSet.TopAndRandom).OrderByDescending(s => s.EvCorrelationScore ?? double.NegativeInfinity).ThenBy(s => s.Id).FirstOrDefault()
                ?? throw new UsageException($"Neuron {id.LayerIndex}:{id.NeuronIndex} has no explanation to score; explain it first.");
            var random = stored.First(s => s.ExplanationId == best.ExplanationId && s.Set == EvaluationSet.RandomOnly);
            var bestText = services.Store.Explanations.Get(best.ExplanationId)?.Text;
            await stderr.WriteLineAsync($"best of {stored.Count / 2} candidate(s) ({sim.Info.Label}{(outcome.Skipped ? ", scored before" : "")}): {bestText}");
            await stdout.WriteLineAsync(Json(best, random));
            return 0;
        }, ct));
        return command;
    }

    /// <summary>The printed object for a freshly scored explanation.</summary>
    internal static string Json(ExplanationScore s) => Json(
        (s.TopAndRandom.EvCorrelationScore, s.TopAndRandom.RsquaredScore, s.TopAndRandom.AbsoluteDevExplainedScore),
        (s.RandomOnly.EvCorrelationScore, s.RandomOnly.RsquaredScore, s.RandomOnly.AbsoluteDevExplainedScore), s.FailedSequences);

    /// <summary>The printed object for a stored pair of scores (top-and-random, random-only).</summary>
    internal static string Json(StoredScore topAndRandom, StoredScore randomOnly) => Json(
        (topAndRandom.EvCorrelationScore, topAndRandom.RsquaredScore, topAndRandom.AbsoluteDevExplainedScore),
        (randomOnly.EvCorrelationScore, randomOnly.RsquaredScore, randomOnly.AbsoluteDevExplainedScore), topAndRandom.Failures.Count);

    private static string Json((double? Ev, double? R2, double? Abs) all, (double? Ev, double? R2, double? Abs) random, int failed) =>
        JsonSerializer.Serialize(new Dictionary<string, object?>
        {
            ["ev_correlation_score"] = CliJson.Number(all.Ev),
            ["rsquared_score"] = CliJson.Number(all.R2),
            ["absolute_dev_explained_score"] = CliJson.Number(all.Abs),
            ["random_only"] = new Dictionary<string, double?>
            {
                ["ev_correlation_score"] = CliJson.Number(random.Ev),
                ["rsquared_score"] = CliJson.Number(random.R2),
                ["absolute_dev_explained_score"] = CliJson.Number(random.Abs),
            },
            ["failed_sequences"] = failed,
        }, CliJson.Options);
}
