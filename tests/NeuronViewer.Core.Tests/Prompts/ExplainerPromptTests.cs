using NeuronViewer.Core.Prompts;
using NeuronViewer.Core.Records;

namespace NeuronViewer.Core.Tests.Prompts;

/// <summary>Byte-exact explainer prompts for the spec's TEST few-shot set (expected strings written from spec §6.2).</summary>
public sealed class ExplainerPromptTests
{
    private const string System =
        "We're studying neurons in a neural network. Each neuron looks for some particular thing in a short document. Look at the parts of the document the neuron activates for and summarize in a single sentence what the neuron is looking for. Don't list examples of words.\n\nThe activation format is token<tab>activation. Activation values range from 0 to 10. A neuron finding what it's looking for is represented by a non-zero activation value. The higher the activation value, the stronger the match.";

    private const string Example1Activations = "\n\nNeuron 1\nActivations:\n<start>\na\t10\nb\t0\nc\t0\n<end>\n<start>\nd\t0\ne\t10\nf\t0\n<end>\n";

    private const string TargetActivations =
        "\n\nNeuron 2\nActivations:\n<start>\nThe\t0\n cat\t0\n sat\t0\n on\t0\n the\t0\n mat\t10\n<end>\n" +
        "\nSame activations, but with all zeros filtered out:\n<start>\n mat\t10\n<end>\n";

    private static readonly ActivationRecord[] Target = [new(["The", " cat", " sat", " on", " the", " mat"], [0, -0.1, 0, 0.05, 0, 2.0])];

    [Fact]
    public void Chat_format_has_system_example_and_target_messages()
    {
        var prompt = TokenActivationPairPrompt.Build(Target, TestFewShotSets.Activations, new TokenActivationPairPromptOptions());
        Assert.Null(prompt.Text);
        Assert.Equal(
            [
                new PromptMessage(PromptRole.System, System),
                new PromptMessage(PromptRole.User, Example1Activations + "\nExplanation of neuron 1 behavior: the main thing this neuron does is find"),
                new PromptMessage(PromptRole.Assistant, " vowels."),
                new PromptMessage(PromptRole.User, TargetActivations + "\nExplanation of neuron 2 behavior: the main thing this neuron does is find"),
            ],
            prompt.Messages);
    }

    [Fact]
    public void Instruction_following_puts_the_prefix_after_the_end_of_prompt_marker()
    {
        var prompt = TokenActivationPairPrompt.Build(
            Target, TestFewShotSets.Activations, new TokenActivationPairPromptOptions { Format = PromptFormat.InstructionFollowing });
        var expected = System
            + Example1Activations + "\nExplanation of neuron 1 behavior:" + " the main thing this neuron does is find vowels."
            + TargetActivations + "\nExplanation of neuron 2 behavior:<|endofprompt|> the main thing this neuron does is find";
        Assert.Equal(expected, prompt.Text);
    }

    [Fact]
    public void Numbered_list_includes_the_activations_deviation_D1()
    {
        var prompt = TokenActivationPairPrompt.Build(
            Target, TestFewShotSets.Activations, new TokenActivationPairPromptOptions { Format = PromptFormat.None, NumberedListOfExplanations = 3 });
        var expected = System
            + Example1Activations
            + "\nHere is 1 possible explanation for neuron 1 behavior, beginning with \"the main thing this neuron does is find\":\n1. the main thing this neuron does is find"
            + " vowels."
            + TargetActivations
            + "\nHere are 3 possible explanations for neuron 2 behavior, each beginning with \"the main thing this neuron does is find\":\n1. the main thing this neuron does is find";
        Assert.Equal(expected, prompt.Text);
    }

    [Fact]
    public void Two_k_shows_one_record_per_example_and_two_target_records()
    {
        ActivationRecord[] target = [new(["x"], [1]), new(["y"], [2]), new(["z"], [3])];
        var prompt = TokenActivationPairPrompt.Build(
            target, TestFewShotSets.Activations, new TokenActivationPairPromptOptions { Format = PromptFormat.None, ContextSize = ContextSize.TwoK });
        var expected = System
            + "\n\nNeuron 1\nActivations:\n<start>\na\t10\nb\t0\nc\t0\n<end>\n\nExplanation of neuron 1 behavior: the main thing this neuron does is find vowels."
            + "\n\nNeuron 2\nActivations:\n<start>\nx\t5\n<end>\n<start>\ny\t10\n<end>\n\nExplanation of neuron 2 behavior: the main thing this neuron does is find";
        Assert.Equal(expected, prompt.Text);
    }

    /// <summary>Counts 1000 tokens per record envelope, so only dropping few-shot records makes the prompt fit.</summary>
    private sealed class EnvelopeCounter : ITokenCounter
    {
        public int CountTokens(string text) => 1000 * (text.Length - text.Replace("<start>", "", StringComparison.Ordinal).Length) / 7;
    }

    private static FewShotExampleSet ThreeByTwo() => new("3x2",
        [.. Enumerable.Range(0, 3).Select(i => new FewShotExample(
            [new ActivationRecord([$"p{i}"], [1]), new ActivationRecord([$"q{i}"], [1])], $"thing {i}", [0, 0]))]);

    [Fact]
    public void Four_k_drops_the_last_record_of_each_example_until_the_prompt_fits()
    {
        // 7 envelopes do not fit; after three drops: 4 × 1000 + 8 messages × 4 + 2 + 60 completion = 4094 ≤ 4097.
        var prompt = TokenActivationPairPrompt.Build([new ActivationRecord(["t"], [1])], ThreeByTwo(), new TokenActivationPairPromptOptions(), new EnvelopeCounter());
        var all = string.Concat(prompt.Messages.Select(m => m.Content));
        Assert.Contains("p0\t10", all, StringComparison.Ordinal);
        Assert.DoesNotContain("q0", all, StringComparison.Ordinal);
        Assert.DoesNotContain("q1", all, StringComparison.Ordinal);
        Assert.DoesNotContain("q2", all, StringComparison.Ordinal);
        Assert.Equal(4094, prompt.CountTokens(new EnvelopeCounter()) + 60);
    }

    [Fact]
    public void Four_k_stops_dropping_after_one_drop_when_that_fits()
    {
        var prompt = TokenActivationPairPrompt.Build(
            [new ActivationRecord(["t"], [1])], ThreeByTwo(), new TokenActivationPairPromptOptions { MaxTokensForCompletion = 60 - 2000 }, new EnvelopeCounter());
        var all = string.Concat(prompt.Messages.Select(m => m.Content));
        Assert.DoesNotContain("q0", all, StringComparison.Ordinal);
        Assert.Contains("q1", all, StringComparison.Ordinal);
        Assert.Contains("q2", all, StringComparison.Ordinal);
    }

    [Fact]
    public void An_over_long_prompt_is_returned_once_nothing_more_can_be_dropped()
    {
        var prompt = TokenActivationPairPrompt.Build(
            [new ActivationRecord(["t"], [1])], ThreeByTwo(), new TokenActivationPairPromptOptions { MaxTokensForCompletion = 5000 }, new EnvelopeCounter());
        Assert.DoesNotContain("q2", string.Concat(prompt.Messages.Select(m => m.Content)), StringComparison.Ordinal);
    }
}
