using NeuronViewer.Core.Formatting;
using NeuronViewer.Core.Records;

namespace NeuronViewer.Core.Prompts;

/// <summary>The explainer's context window in the reference: prompt tokens plus completion tokens must fit.</summary>
public enum ContextSize
{
    TwoK = 2049,
    FourK = 4097,
}

/// <summary>Options of the token-activation-pair explainer prompt (spec §6.2).</summary>
public sealed record TokenActivationPairPromptOptions
{
    public PromptFormat Format { get; init; } = PromptFormat.HarmonyV4;
    public ContextSize ContextSize { get; init; } = ContextSize.FourK;
    public bool RepeatNonZeroActivations { get; init; } = true;

    /// <summary>Null for one explanation; N ≥ 1 asks for a numbered list of N explanations in one completion.</summary>
    public int? NumberedListOfExplanations { get; init; }

    public int MaxTokensForCompletion { get; init; } = 60;
}

/// <summary>Builds the explainer prompt from (token, activation) pairs, byte for byte as the reference (spec §6.2).</summary>
/// <remarks>
/// Deviation D1 (fixed): in numbered-list mode the reference builds the activation text but never adds it;
/// here it opens the same user message, so the model sees the evidence.
/// </remarks>
public static class TokenActivationPairPrompt
{
    public const string ExplanationPrefix = "the main thing this neuron does is find";

    public const string SystemMessage =
        "We're studying neurons in a neural network. Each neuron looks for some particular thing in a short document. " +
        "Look at the parts of the document the neuron activates for and summarize in a single sentence what the neuron is " +
        "looking for. Don't list examples of words.\n\n" +
        "The activation format is token<tab>activation. Activation values range from 0 to 10. A neuron finding what it's " +
        "looking for is represented by a non-zero activation value. The higher the activation value, the stronger the match.";

    /// <summary>Builds the prompt; with a token counter, drops few-shot records (FOUR_K) until it fits the context size.</summary>
    public static Prompt Build(
        IReadOnlyList<ActivationRecord> trainRecords, FewShotExampleSet examples, TokenActivationPairPromptOptions options,
        ITokenCounter? tokenCounter = null)
    {
        ArgumentNullException.ThrowIfNull(trainRecords);
        if (trainRecords.Count == 0)
            throw new ArgumentException("The explainer needs at least one train record.", nameof(trainRecords));
        for (var omit = 0; ; omit++)
        {
            var (prompt, omitted) = BuildOnce(trainRecords, examples, options, omit);
            if (tokenCounter is null || omitted != omit
                || prompt.CountTokens(tokenCounter) + options.MaxTokensForCompletion <= (int)options.ContextSize)
                return prompt;
        }
    }

    private static (Prompt Prompt, int Omitted) BuildOnce(
        IReadOnlyList<ActivationRecord> target, FewShotExampleSet examples, TokenActivationPairPromptOptions o, int omit)
    {
        var builder = new PromptBuilder().Add(PromptRole.System, SystemMessage);
        var omitted = 0;
        for (var i = 0; i < examples.Examples.Count; i++)
        {
            var records = examples.Examples[i].ActivationRecords;
            if (o.ContextSize == ContextSize.TwoK)
                records = records.Take(1).ToList();
            else if (omitted < omit && records.Count > 1)
            {
                records = records.Take(records.Count - 1).ToList();
                omitted++;
            }
            AddBlock(builder, i + 1, records, examples.Examples[i].Explanation, o);
        }
        var shown = o.ContextSize == ContextSize.TwoK ? target.Take(2).ToList() : target;
        AddBlock(builder, examples.Examples.Count + 1, shown, null, o);
        return (builder.Build(o.Format), omitted);
    }

    private static void AddBlock(PromptBuilder builder, int k, IReadOnlyList<ActivationRecord> records, string? explanation, TokenActivationPairPromptOptions o)
    {
        var max = ActivationNormalization.CalculateMaxActivation(records);
        var user = $"\n\nNeuron {k}\nActivations:" + ActivationRecordText.FormatActivationRecords(records, max);
        if (o.RepeatNonZeroActivations && ActivationNormalization.NeedsZeroFilteredRepeat(records, max))
            user += "\nSame activations, but with all zeros filtered out:" + ActivationRecordText.FormatActivationRecords(records, max, omitZeros: true);

        if (o.NumberedListOfExplanations is { } n)
        {
            if (n < 1)
                throw new ArgumentOutOfRangeException(nameof(o), "A numbered list needs at least one explanation.");
            user += explanation is null
                ? $"\nHere are {n} possible explanations for neuron {k} behavior, each beginning with \"{ExplanationPrefix}\":\n1. {ExplanationPrefix}"
                : $"\nHere is 1 possible explanation for neuron {k} behavior, beginning with \"{ExplanationPrefix}\":\n1. {ExplanationPrefix}";
            builder.Add(PromptRole.User, user);
            if (explanation is not null)
                builder.Add(PromptRole.Assistant, " " + explanation + ".");
            return;
        }

        var instruction = o.Format == PromptFormat.InstructionFollowing;
        user += $"\nExplanation of neuron {k} behavior:" + (instruction ? "" : " " + ExplanationPrefix);
        builder.Add(PromptRole.User, user);
        var assistant = (instruction ? " " + ExplanationPrefix : "") + (explanation is null ? "" : " " + explanation + ".");
        if (assistant.Length > 0)
            builder.Add(PromptRole.Assistant, assistant);
    }
}
