using NeuronViewer.Core.Prompts;

namespace NeuronViewer.Core.Tests.Prompts;

/// <summary>Byte-exact token look-up-table explainer prompts (expected strings written from spec §6.3).</summary>
public sealed class TokenSpacePromptTests
{
    private const string System =
        "We're studying neurons in a neural network. Each neuron looks for some particular kind of token (which can be a word, or part of a word). Look at the tokens the neuron activates for (listed below) and summarize in a single sentence what the neuron is looking for. Don't list examples of words.";

    [Fact]
    public void Chat_format_with_the_test_example()
    {
        var prompt = TokenSpacePrompt.Build(["x", " it's"], PromptFormat.HarmonyV4, TestFewShotSets.TokenSpace);
        Assert.Equal(
            [
                new PromptMessage(PromptRole.System, System),
                new PromptMessage(PromptRole.User, "\n\n\n\nTokens:\n'these', 'are', 'tokens'\n\nExplanation:\nThis neuron is looking for"),
                new PromptMessage(PromptRole.Assistant, " this is a test explanation."),
                new PromptMessage(PromptRole.User, "\n\n\n\nTokens:\n'x', ' it's'\n\nExplanation:\nThis neuron is looking for"),
            ],
            prompt.Messages);
    }

    [Fact]
    public void Instruction_following_numbered_list_without_few_shot()
    {
        var prompt = TokenSpacePrompt.Build(["x"], PromptFormat.InstructionFollowing, numberedList: true);
        Assert.Equal(System + "\n\n\n\nTokens:\n'x'\n\nExplanation:\n<|endofprompt|>This neuron is looking for\n1.", prompt.Text);
    }

    [Fact]
    public void Few_shot_with_numbered_list_is_rejected()
    {
        Assert.Throws<NotSupportedException>(() => TokenSpacePrompt.Build(["x"], PromptFormat.None, TestFewShotSets.TokenSpace, numberedList: true));
    }

    private sealed class CharCounter : ITokenCounter
    {
        public int CountTokens(string text) => text.Length;
    }

    [Fact]
    public void An_over_long_prompt_is_an_error()
    {
        var tokens = Enumerable.Repeat(" word", 1000).ToList();
        var ex = Assert.Throws<InvalidOperationException>(() => TokenSpacePrompt.Build(tokens, PromptFormat.None, tokenCounter: new CharCounter()));
        Assert.Contains("context size 4097", ex.Message, StringComparison.Ordinal);
    }
}
