namespace NeuronViewer.Core.Abstractions;

/// <summary>What calls to a language model consumed: requests and tokens, summed with <c>+</c>.</summary>
public readonly record struct Usage(int Requests, long PromptTokens, long CompletionTokens)
{
    public static Usage None => default;

    public long TotalTokens => PromptTokens + CompletionTokens;

    public static Usage operator +(Usage a, Usage b) =>
        new(a.Requests + b.Requests, a.PromptTokens + b.PromptTokens, a.CompletionTokens + b.CompletionTokens);
}
