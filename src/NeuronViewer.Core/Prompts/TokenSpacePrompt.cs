namespace NeuronViewer.Core.Prompts;

/// <summary>Builds the token look-up-table explainer prompt from a bare token list (spec §6.3).</summary>
public static class TokenSpacePrompt
{
    public const string Prefix = "This neuron is looking for";

    public const string SystemMessage =
        "We're studying neurons in a neural network. Each neuron looks for some particular kind of token (which can be a " +
        "word, or part of a word). Look at the tokens the neuron activates for (listed below) and summarize in a single " +
        "sentence what the neuron is looking for. Don't list examples of words.";

    /// <summary>Each token in single quotes, joined by ", " (quotes inside tokens are not escaped).</summary>
    public static string FormatTokenList(IEnumerable<string> tokens) => string.Join(", ", tokens.Select(t => "'" + t + "'"));

    /// <summary>Builds the prompt; with a counter, a prompt longer than the context is an error (no shrinking).</summary>
    public static Prompt Build(
        IReadOnlyList<string> tokens, PromptFormat format, IReadOnlyList<TokenSpaceExample>? fewShot = null,
        bool numberedList = false, ITokenCounter? tokenCounter = null, int maxTokensForCompletion = 60,
        ContextSize contextSize = ContextSize.FourK)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        if (fewShot is { Count: > 0 } && numberedList)
            throw new NotSupportedException("Few-shot examples together with a numbered list are not supported by the token look-up-table prompt.");
        var builder = new PromptBuilder().Add(PromptRole.System, SystemMessage);
        var examples = fewShot ?? [];
        for (var i = 0; i < examples.Count; i++)
            AddBlock(builder, examples[i].Tokens, examples[i].Explanation, format, numberedList);
        AddBlock(builder, tokens, null, format, numberedList);
        var prompt = builder.Build(format);
        if (tokenCounter is not null)
        {
            var needed = prompt.CountTokens(tokenCounter) + maxTokensForCompletion;
            if (needed > (int)contextSize)
                throw new InvalidOperationException($"The token-list prompt needs {needed} tokens, more than the context size {(int)contextSize}.");
        }
        return prompt;
    }

    private static void AddBlock(PromptBuilder builder, IReadOnlyList<string> tokens, string? explanation, PromptFormat format, bool numbered)
    {
        var instruction = format == PromptFormat.InstructionFollowing;
        var lead = Prefix + (numbered ? "\n1." : "");
        builder.Add(PromptRole.User, "\n\n\n\nTokens:\n" + FormatTokenList(tokens) + "\n\nExplanation:\n" + (instruction ? "" : lead));
        var assistant = (instruction ? lead : "") + (explanation is null ? "" : explanation + ".");
        if (assistant.Length > 0)
            builder.Add(PromptRole.Assistant, assistant);
    }
}
