using System.Text.Json.Nodes;
using NeuronViewer.Core.Abstractions;
using NeuronViewer.Core.Prompts;
using NeuronViewer.Core.Records;
using NeuronViewer.Explainers.Http;
using NeuronViewer.Explainers.Scoring;

namespace NeuronViewer.Explainers.Explaining;

/// <summary>Settings of the chat explainer.</summary>
public sealed record ExplainerOptions
{
    public FewShotExampleSet FewShot { get; init; } = AuthoredFewShotSets.Activations;
    public int MaxTokensPerExplanation { get; init; } = 60;
    public double Temperature { get; init; } = 1.0;
    public double TopP { get; init; } = 1.0;

    /// <summary>Also ask for a numbered list of explanations in one completion (activations included: D1 fixed).</summary>
    public bool UseNumberedList { get; init; } = true;

    public ContextSize ContextSize { get; init; } = ContextSize.FourK;
}

/// <summary>One chat request of an explanation: its part (<c>sampled</c>: n samples; <c>numbered</c>: one numbered list) and body.</summary>
public sealed record ExplainerCall(string Part, JsonObject Body);

/// <summary>The answer to one <see cref="ExplainerCall"/>: the response, or why there is none, with the raw text and usage.</summary>
public sealed record ExplainerReply(ExplainerCall Call, JsonObject? Response, string? Failure, string Raw, Usage Usage);

/// <summary>
/// The token-activation-pair explainer through chat completions (spec §6.2): one request with <c>n</c> samples at
/// temperature 1 and, for diversity, one numbered-list request; candidates normalised and deduplicated. The requests can
/// also go through the Batch API (<see cref="Batching.BatchExplanation"/>) with <see cref="BuildRequests"/> and <see cref="ReadReplies"/>.
/// </summary>
public sealed class OpenAiExplainer(OpenAiConnection connection, string model, ExplainerOptions? options = null) : IExplainer, IExplanationReviser
{
    public const string PromptFormatVersion = "token-activation-pair-v1";
    public const string SampledPart = "sampled";
    public const string NumberedPart = "numbered";
    private readonly ExplainerOptions _options = options ?? new ExplainerOptions();

    public BackendInfo Info { get; } = new("chat", model, $"{PromptFormatVersion}+{(options ?? new ExplainerOptions()).FewShot.Name}", false);

    public async Task<ExplainResult> ExplainAsync(ExplainRequest request, CancellationToken cancellationToken = default)
    {
        var calls = BuildRequests(request);
        var replies = await Task.WhenAll(calls.Select(c => SendAsync(c, cancellationToken))).ConfigureAwait(false);
        return ReadReplies(request, replies);
    }

    /// <summary>The chat requests for one neuron: <c>n</c> = candidates samples, and a numbered list when enabled and more than one is wanted.</summary>
    public IReadOnlyList<ExplainerCall> BuildRequests(ExplainRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var wanted = Wanted(request);
        var calls = new List<ExplainerCall> { new(SampledPart, Body(request, numbered: null, n: wanted)) };
        if (_options.UseNumberedList && wanted > 1)
            calls.Add(new ExplainerCall(NumberedPart, Body(request, numbered: wanted, n: 1)));
        return calls;
    }

    /// <summary>Candidates from the replies to <see cref="BuildRequests"/>: normalised, deduplicated, at most the number wanted; failed when none is usable.</summary>
    public ExplainResult ReadReplies(ExplainRequest request, IReadOnlyList<ExplainerReply> replies)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(replies);
        var usage = replies.Aggregate(Usage.None, (sum, r) => sum + r.Usage);
        var read = replies.Select(Read).ToList();
        var unique = ExplanationText.NormalizeAndDeduplicate(read.Where(r => r.Failure is null).SelectMany(r => r.Candidates)).Take(Wanted(request)).ToList();
        var raw = string.Join("\n---\n", replies.Select(r => r.Raw));
        if (unique.Count > 0)
            return new ExplainResult(unique, usage, RawResponse: raw);
        var reason = read.Select(r => r.Failure).FirstOrDefault(f => f is not null) ?? "the explainer returned no usable explanation";
        return new ExplainResult([], usage, reason, raw);
    }

    private static int Wanted(ExplainRequest request) => Math.Max(1, request.Candidates);

    private static (IReadOnlyList<string> Candidates, string? Failure) Read(ExplainerReply reply)
    {
        if (reply.Response is null)
            return ([], reply.Failure ?? "the request failed");
        var contents = (ChatRequest.Choices(reply.Response) ?? []).Select(ChatRequest.Content).OfType<string>().ToList();
        if (contents.Count == 0)
            return ([], "the response has no choices with message content");
        return (reply.Call.Part == NumberedPart ? [.. contents.SelectMany(c => ExplanationText.SplitNumberedList(c))] : contents, null);
    }

    private async Task<ExplainerReply> SendAsync(ExplainerCall call, CancellationToken cancellationToken)
    {
        try
        {
            var (json, raw, usage) = await connection.PostJsonAsync(ChatRequest.Path, call.Body, cancellationToken).ConfigureAwait(false);
            return new ExplainerReply(call, json, null, raw, usage);
        }
        catch (LlmCallException ex)
        {
            return new ExplainerReply(call, null, ex.Message, ex.RawBody ?? "", ex.Usage);
        }
    }

    private JsonObject Body(ExplainRequest request, int? numbered, int n)
    {
        var maxTokens = _options.MaxTokensPerExplanation * (numbered ?? 1);
        var prompt = TokenActivationPairPrompt.Build(request.TrainRecords, _options.FewShot, new TokenActivationPairPromptOptions
        {
            Format = PromptFormat.HarmonyV4,
            ContextSize = _options.ContextSize,
            NumberedListOfExplanations = numbered,
            MaxTokensForCompletion = maxTokens,
        }, Cl100kTokenCounter.Instance);
        var body = ChatRequest.Body(connection.Options, Info.Model, prompt.Messages, maxTokens);
        body["n"] = n;
        body["temperature"] = _options.Temperature;
        body["top_p"] = _options.TopP;
        if (request.Seed is { } seed)
            body["seed"] = seed;
        return body;
    }

    /// <summary>One revision request (three samples at temperature 1) showing the worst-simulated excerpts.</summary>
    public async Task<ExplainResult> ReviseAsync(NeuronRecord neuron, string explanation, IReadOnlyList<RevisionEvidence> worst, CancellationToken cancellationToken = default)
    {
        var prompt = RevisionPrompt.Build(explanation, worst);
        var body = ChatRequest.Body(connection.Options, Info.Model, prompt.Messages, _options.MaxTokensPerExplanation);
        body["n"] = 3;
        body["temperature"] = _options.Temperature;
        try
        {
            var (json, raw, usage) = await connection.PostJsonAsync(ChatRequest.Path, body, cancellationToken).ConfigureAwait(false);
            var unique = ExplanationText.NormalizeAndDeduplicate((ChatRequest.Choices(json) ?? []).Select(ChatRequest.Content).OfType<string>());
            return unique.Count == 0 ? new ExplainResult([], usage, "the revision response has no usable explanation", raw) : new ExplainResult(unique, usage, RawResponse: raw);
        }
        catch (LlmCallException ex)
        {
            return new ExplainResult([], ex.Usage, ex.Message, ex.RawBody);
        }
    }
}
