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

/// <summary>
/// The token-activation-pair explainer through chat completions (spec §6.2): one request with <c>n</c> samples at
/// temperature 1 and, for diversity, one numbered-list request; candidates normalised and deduplicated.
/// </summary>
public sealed class OpenAiExplainer(OpenAiConnection connection, string model, ExplainerOptions? options = null) : IExplainer, IExplanationReviser
{
    public const string PromptFormatVersion = "token-activation-pair-v1";
    private readonly ExplainerOptions _options = options ?? new ExplainerOptions();

    public BackendInfo Info { get; } = new("chat", model, $"{PromptFormatVersion}+{(options ?? new ExplainerOptions()).FewShot.Name}", false);

    public async Task<ExplainResult> ExplainAsync(ExplainRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var wanted = Math.Max(1, request.Candidates);
        var sampled = Ask(request, numbered: null, n: wanted, cancellationToken);
        var listed = _options.UseNumberedList && wanted > 1 ? Ask(request, numbered: wanted, n: 1, cancellationToken) : null;
        var results = listed is null ? [await sampled.ConfigureAwait(false)] : await Task.WhenAll(sampled, listed).ConfigureAwait(false);

        var usage = results.Aggregate(Usage.None, (sum, r) => sum + r.Usage);
        var candidates = results.Where(r => r.Failure is null).SelectMany(r => r.Candidates);
        var unique = ExplanationText.NormalizeAndDeduplicate(candidates).Take(wanted).ToList();
        var raw = string.Join("\n---\n", results.Select(r => r.Raw));
        if (unique.Count > 0)
            return new ExplainResult(unique, usage, RawResponse: raw);
        var reason = results.Select(r => r.Failure).FirstOrDefault(f => f is not null) ?? "the explainer returned no usable explanation";
        return new ExplainResult([], usage, reason, raw);
    }

    private async Task<(IReadOnlyList<string> Candidates, Usage Usage, string? Failure, string Raw)> Ask(
        ExplainRequest request, int? numbered, int n, CancellationToken cancellationToken)
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
        try
        {
            var (json, raw, usage) = await connection.PostJsonAsync(ChatRequest.Path, body, cancellationToken).ConfigureAwait(false);
            var contents = (ChatRequest.Choices(json) ?? []).Select(ChatRequest.Content).OfType<string>().ToList();
            if (contents.Count == 0)
                return ([], usage, "the response has no choices with message content", raw);
            var candidates = numbered is null ? contents : contents.SelectMany(c => ExplanationText.SplitNumberedList(c)).ToList();
            return (candidates, usage, null, raw);
        }
        catch (LlmCallException ex)
        {
            return ([], ex.Usage, ex.Message, ex.RawBody ?? "");
        }
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
