using NeuronViewer.Core.Formatting;
using NeuronViewer.Core.Records;

namespace NeuronViewer.Core.Prompts;

/// <summary>Builds the reference simulators' prompts: all at once (spec §7.2) and one token at a time (§7.3).</summary>
public static class SimulatorPrompts
{
    private const string Prefix = TokenActivationPairPrompt.ExplanationPrefix;

    public const string AllAtOnceSystemMessage =
        "We're studying neurons in a neural network.\nEach neuron looks for some particular thing in a short document.\n" +
        "Look at summary of what the neuron does, and try to predict how it will fire on each token.\n\n" +
        "The activation format is token<tab>activation, activations go from 0 to 10, \"unknown\" indicates an unknown " +
        "activation. Most activations will be 0.\n";

    /// <summary>The first paragraph shared by the one-at-a-time and logprob-free simulators (with the reference's double space).</summary>
    public const string PredictOneTokenParagraph =
        "We're studying neurons in a neural network. Each neuron looks for some particular thing in a short document. " +
        "Look at  an explanation of what the neuron does, and try to predict its activations on a particular token.";

    public const string OneAtATimeSystemMessage =
        PredictOneTokenParagraph + "\n\n" +
        "The activation format is token<tab>activation, and activations range from 0 to 10. Most activations will be 0.\n\n";

    public const string OneAtATimeSecondSystemMessage =
        "Now, we're going predict the activation of a new neuron on a single token, following the same rules as the " +
        "examples above. Activations still range from 0 to 10.";

    /// <summary>The all-at-once prompt: few-shot examples revealed from their first indices, then every target token "unknown".</summary>
    public static Prompt AllAtOnce(string explanation, IReadOnlyList<string> tokens, FewShotExampleSet examples, PromptFormat format = PromptFormat.InstructionFollowing)
    {
        var builder = new PromptBuilder().Add(PromptRole.System, AllAtOnceSystemMessage);
        var k = examples.Examples.Count;
        for (var i = 0; i < k; i++)
        {
            var ex = examples.Examples[i];
            builder.Add(PromptRole.User, $"\n\nNeuron {i + 1}\nExplanation of neuron {i + 1} behavior: {Prefix} {ex.Explanation}");
            var max = ActivationNormalization.CalculateMaxActivation(ex.ActivationRecords);
            builder.Add(PromptRole.Assistant,
                "\nActivations: " + ActivationRecordText.FormatActivationRecords(ex.ActivationRecords, max, startIndices: ex.FirstRevealedActivationIndices) + "\n");
        }
        builder.Add(PromptRole.User, $"\n\nNeuron {k + 1}\nExplanation of neuron {k + 1} behavior: {Prefix} {explanation.Trim()}");
        builder.Add(PromptRole.Assistant, "\nActivations: " + ActivationRecordText.FormatSequencesForSimulation([tokens]));
        return builder.Build(format);
    }

    /// <summary>The one-at-a-time prompt for the token at <paramref name="tokenIndex"/>; D7 kept: the single-token example shows the target's explanation unless told otherwise.</summary>
    public static Prompt OneAtATime(
        string explanation, IReadOnlyList<string> tokens, int tokenIndex, FewShotExampleSet examples,
        PromptFormat format = PromptFormat.InstructionFollowing, bool singleTokenExampleUsesOwnExplanation = false)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(tokenIndex);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(tokenIndex, tokens.Count);
        var single = examples.SingleTokenExample
            ?? throw new ArgumentException($"Few-shot set '{examples.Name}' has no single-token example.", nameof(examples));
        var builder = new PromptBuilder().Add(PromptRole.System, OneAtATimeSystemMessage);
        var k = examples.Examples.Count;
        for (var i = 0; i < k; i++)
        {
            var ex = examples.Examples[i];
            builder.Add(PromptRole.User, $"Neuron {i + 1}\nExplanation of neuron {i + 1} behavior: {Prefix} {ex.Explanation}\n");
            var max = ActivationNormalization.CalculateMaxActivation(ex.ActivationRecords);
            builder.Add(PromptRole.Assistant, "Activations: " + ActivationRecordText.FormatActivationRecords(ex.ActivationRecords, max) + "\n\n");
        }
        builder.Add(PromptRole.System, OneAtATimeSecondSystemMessage);
        var record = single.ActivationRecords[0];
        var index = single.TokenIndexToScore ?? throw new ArgumentException("The single-token example needs a token index to score.", nameof(examples));
        var shownExplanation = singleTokenExampleUsesOwnExplanation ? single.Explanation : explanation;
        builder.Add(PromptRole.User, SingleTokenUser(k + 1, shownExplanation, record.Tokens, index));
        var value = ActivationNormalization.NormalizeActivations(record.Activations, ActivationNormalization.CalculateMaxActivation([record]))[index];
        builder.Add(PromptRole.Assistant, value.ToString(System.Globalization.CultureInfo.InvariantCulture) + "\n\n");
        builder.Add(PromptRole.User, SingleTokenUser(k + 2, explanation, tokens, tokenIndex));
        return builder.Build(format, allowExtraSystemMessages: true);
    }

    private static string SingleTokenUser(int n, string explanation, IReadOnlyList<string> tokens, int t) =>
        $"\nNeuron {n}\nExplanation of neuron {n} behavior: {Prefix} {explanation.Trim()}" +
        "\nText:\n" + string.Concat(tokens.Take(t + 1)) + "\n\nLast token in the text:\n" + tokens[t] +
        "\n\nLast token activation, considering the token in the context in which it appeared in the text:\n";
}
