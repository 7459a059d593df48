using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using NeuronViewer.Pipeline.Jobs;
using NeuronViewer.Pipeline.Stages;
using NeuronViewer.Pipeline.Subject;
using NeuronViewer.Storage.Jobs;

namespace NeuronViewer.Cli.Commands;

/// <summary>
/// <c>run</c>: collect → explain → score as one pipeline job with a progress bar. Rerunning the same command resumes that job
/// (finished neurons are not redone); <c>--retry-failed</c> redoes its failed ones.
/// </summary>
public static class RunCommand
{
    public static Command Create()
    {
        var layers = new Option<string?>("--layers") { Description = "Layers: 'all', a range '0-1' or a list '0,2,5' (default: all)." };
        var maxExcerpts = new Option<long?>("--max-excerpts") { Description = "Collect from at most this many 64-token excerpts of the corpus." };
        var corpus = new Option<string?>("--corpus") { Description = "UTF-8 text file, folder of them, or 'bundled' (default: the configured corpus)." };
        var subject = new Option<string?>("--subject-model") { Description = "HF GPT-2 checkpoint folder, or 'bundled' (default: the configured subject model)." };
        var explainer = new Option<string?>("--explainer") { Description = "offline or openai (default: the configured provider)." };
        explainer.AcceptOnlyFromAmong("offline", "openai");
        var simulator = new Option<string?>("--simulator") { Description = "offline, chat, completions or json (default: the configured one)." };
        simulator.AcceptOnlyFromAmong("offline", "chat", "completions", "json");
        var candidates = new Option<int>("--candidates") { Description = "Candidate explanations per neuron.", DefaultValueFactory = _ => 5 };
        var seed = new Option<int>("--seed") { Description = "Seed of the collection samples (and recorded with results).", DefaultValueFactory = _ => 0 };
        var retry = new Option<bool>("--retry-failed") { Description = "Redo the neurons that failed in the previous run of this command." };
        var provider = new ProviderSwitches();
        var command = new Command("run", "Collect, explain and score as one resumable job with progress.")
        {
            layers, maxExcerpts, corpus, subject, explainer, simulator, candidates, seed, retry,
        };
        provider.AddTo(command);
        command.SetAction((parse, ct) => CommandErrors.Guard(parse, async (stdout, stderr, token) =>
        {
            if (parse.GetValue(maxExcerpts) is long max && max < 1) throw new UsageException($"--max-excerpts must be positive, not {max}.");
            if (parse.GetValue(candidates) < 1) throw new UsageException($"--candidates must be at least 1, not {parse.GetValue(candidates)}.");
            if (parse.GetValue(seed) < 0) throw new UsageException($"--seed must not be negative, not {parse.GetValue(seed)}.");
            var choice = provider.Choice(parse, parse.GetValue(explainer), parse.GetValue(simulator));
            await using var services = CliServices.Create(parse, new Dictionary<string, string?> { [SubjectModelOptions.Section + ":Path"] = parse.GetValue(subject) });
            services.Backends.Explainer(choice); // a missing key or bad provider setting fails here, before any work
            await services.Backends.SimulatorAsync(choice, token);
            var model = (await services.Model.GetAsync(token)).Info;
            var parameters = new PipelineParameters
            {
                Collect = new CollectParameters
                {
                    Layers = CollectCommand.ParseLayers(parse.GetValue(layers), model.Layers), MaxExcerpts = parse.GetValue(maxExcerpts),
                    Corpus = parse.GetValue(corpus), Seed = (ulong)parse.GetValue(seed),
                },
                Candidates = parse.GetValue(candidates), Backend = choice, ExamplesPerSplit = parse.GetValue(provider.ExamplesPerSplit), Seed = parse.GetValue(seed),
            };
            var engine = await services.EngineAsync();
            var id = await StartOrResume(services, engine, parameters, parse.GetValue(retry), stderr);
            if (id is null)
                return 0;
            var final = await Follow(engine, id.Value, stderr, token);
            var failed = engine.Items(id.Value, JobItemState.Failed, take: 5);
            foreach (var item in failed)
                await stderr.WriteLineAsync($"failed {item.Key}: {item.Error?.ReplaceLineEndings(" ")}");
            await stdout.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"pipeline job {final.Id} {final.State.ToString().ToLowerInvariant()}: {final.Done:N0} done, {final.Failed:N0} failed of {final.Total:N0} items; "
                + $"{services.Store.Records.Count():N0} neurons, {services.Store.Explanations.Count():N0} explanations, {services.Store.Scores.Count():N0} scores stored"));
            if (final.State == JobState.Failed) throw new InvalidOperationException(final.Error ?? "the job failed");
            if (final.Failed > 0)
            {
                await stderr.WriteLineAsync($"{final.Failed} item(s) failed; run the same command with --retry-failed to redo them.");
                return CommandErrors.Failed;
            }
            return 0;
        }, ct));
        return command;
    }

    /// <summary>Finds this command's earlier job (same parameters) and resumes or retries it, or submits a new one; null when there is nothing to do.</summary>
    private static async Task<long?> StartOrResume(CliServices services, JobEngine engine, PipelineParameters parameters, bool retryFailed, TextWriter stderr)
    {
        var json = JsonSerializer.Serialize(parameters, new JsonSerializerOptions(JsonSerializerDefaults.Web));
        var earlier = services.Store.Jobs.List(1000).FirstOrDefault(j => j.Kind == JobKinds.Pipeline && j.Parameters == json);
        if (earlier is null)
        {
            var id = engine.Submit(JobKinds.Pipeline, parameters, "run (CLI)");
            services.Claim(id);
            return id;
        }
        services.Claim(earlier.Id);
        var retried = retryFailed ? engine.RetryFailed(earlier.Id) : 0;
        var state = engine.Get(earlier.Id)!.State;
        if (state == JobState.Completed)
        {
            await stderr.WriteLineAsync(earlier.Failed > 0
                ? $"job {earlier.Id} already ran: {earlier.Done} done, {earlier.Failed} failed; use --retry-failed to redo the failed ones."
                : $"job {earlier.Id} already ran to completion: {earlier.Done} items done; nothing to do.");
            return null;
        }
        if (state is JobState.Paused or JobState.Cancelled or JobState.Failed)
            engine.Resume(earlier.Id);
        await stderr.WriteLineAsync($"resuming job {earlier.Id}: {earlier.Done + earlier.Failed - retried} of {earlier.Total} items finished"
            + (retried > 0 ? $", retrying {retried} failed" : ""));
        return earlier.Id;
    }

    /// <summary>Shows the job's progress until it settles; on cancellation pauses it so the next run resumes it.</summary>
    private static async Task<JobSnapshot> Follow(JobEngine engine, long id, TextWriter stderr, CancellationToken token)
    {
        JobSnapshot final = engine.Get(id)!;
        await CliProgress.RunAsync(stderr, async ctx =>
        {
            var items = ctx.AddTask("queued");
            var detail = ctx.AddTask("collect");
            detail.IsIndeterminate = true;
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(token);
            var updates = engine.Subscribe(stop.Token);
            var wait = engine.WaitAsync(id, CancellationToken.None);
            token.Register(() => engine.Pause(id));
            Show(engine.Get(id)!);
            while (!wait.IsCompleted)
            {
                await Task.WhenAny(wait, updates.WaitToReadAsync(CancellationToken.None).AsTask());
                while (updates.TryRead(out var s))
                    if (s.Id == id) Show(s);
            }
            final = await wait;
            Show(final);
            stop.Cancel();

            void Show(JobSnapshot s)
            {
                CliProgress.Show(items, s, Stage(s));
                if (s.Detail is { } d)
                {
                    detail.IsIndeterminate = false;
                    CliProgress.Show(detail, d);
                }
                else if (s.Processed > 0)
                {
                    detail.Value = detail.MaxValue;
                    detail.IsIndeterminate = false;
                }
            }
        });
        token.ThrowIfCancellationRequested();
        return final;
    }

    /// <summary>The stage a pipeline is in, from its item layout: collect, then N explain items, then N score items.</summary>
    private static string Stage(JobSnapshot s)
    {
        if (s.IsFinal || s.State == JobState.Paused) return s.State.ToString().ToLowerInvariant();
        var neurons = (s.Total - 1) / 2;
        return s.Total == 0 || s.Processed < 1 ? "collect" : s.Processed < 1 + neurons ? "explain" : "score";
    }
}
