using NeuronViewer.Core.Prompts;

namespace NeuronViewer.Core.Tests.Prompts;

/// <summary>Byte-exact simulator prompts for the spec's TEST few-shot set (expected strings written from spec §7.2–§7.4).</summary>
public sealed class SimulatorPromptTests
{
    private const string Prefix = "the main thing this neuron does is find";

    [Fact]
    public void All_at_once_prompt_reveals_examples_from_their_first_index_and_hides_every_target_token()
    {
        var prompt = SimulatorPrompts.AllAtOnce("  words and vowels \n", ["x", " y"], TestFewShotSets.Activations);
        var expected =
            "We're studying neurons in a neural network.\nEach neuron looks for some particular thing in a short document.\nLook at summary of what the neuron does, and try to predict how it will fire on each token.\n\nThe activation format is token<tab>activation, activations go from 0 to 10, \"unknown\" indicates an unknown activation. Most activations will be 0.\n"
            + "\n\nNeuron 1\nExplanation of neuron 1 behavior: " + Prefix + " vowels"
            + "\nActivations: \n<start>\na\t10\nb\t0\nc\t0\n<end>\n<start>\nd\tunknown\ne\t10\nf\t0\n<end>\n\n"
            + "\n\nNeuron 2\nExplanation of neuron 2 behavior: " + Prefix + " words and vowels<|endofprompt|>"
            + "\nActivations: \n<start>\nx\tunknown\n y\tunknown\n<end>\n";
        Assert.Equal(expected, prompt.Text);
        Assert.Contains("<end>\n\n\n\nNeuron 2", prompt.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void One_at_a_time_prompt_has_a_second_system_message_and_the_single_token_example()
    {
        var prompt = SimulatorPrompts.OneAtATime("capital letters", ["x", " y", " z"], 1, TestFewShotSets.Activations);
        var question = "\n\nLast token activation, considering the token in the context in which it appeared in the text:\n";
        var expected =
            "We're studying neurons in a neural network. Each neuron looks for some particular thing in a short document. Look at  an explanation of what the neuron does, and try to predict its activations on a particular token.\n\nThe activation format is token<tab>activation, and activations range from 0 to 10. Most activations will be 0.\n\n"
            + "Neuron 1\nExplanation of neuron 1 behavior: " + Prefix + " vowels\n"
            + "Activations: \n<start>\na\t10\nb\t0\nc\t0\n<end>\n<start>\nd\t0\ne\t10\nf\t0\n<end>\n\n\n"
            + "Now, we're going predict the activation of a new neuron on a single token, following the same rules as the examples above. Activations still range from 0 to 10."
            + "\nNeuron 2\nExplanation of neuron 2 behavior: " + Prefix + " capital letters\nText:\nghi\n\nLast token in the text:\ni" + question
            + "10\n\n"
            + "\nNeuron 3\nExplanation of neuron 3 behavior: " + Prefix + " capital letters\nText:\nx y\n\nLast token in the text:\n y" + question
            + "<|endofprompt|>";
        Assert.Equal(expected, prompt.Text);
    }

    [Fact]
    public void One_at_a_time_can_show_the_examples_own_explanation_deviation_D7()
    {
        var prompt = SimulatorPrompts.OneAtATime("capital letters", ["x"], 0, TestFewShotSets.Activations, singleTokenExampleUsesOwnExplanation: true);
        Assert.Contains("behavior: " + Prefix + " test explanation\nText:\nghi", prompt.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Logprob_free_prompt_uses_the_delimiter_after_every_line()
    {
        var prompt = SimulatorPrompts_LogprobFree();
        const string d = "\u0F17";
        Assert.Equal(
            [
                new PromptMessage(PromptRole.System,
                    "We're studying neurons in a neural network. Each neuron looks for some particular thing in a short document. Look at  an explanation of what the neuron does, and try to predict its activations on a particular token.\n\nThe activation format is token<tab>activation, and activations range from 0 to 10. Most activations will be 0.\nFor each sequence, you will see the tokens in the sequence where the activations are left blank. You will print the exact same tokens verbatim, but with the activations filled in according to the explanation.\n"),
                new PromptMessage(PromptRole.User,
                    "Neuron 1\nExplanation of neuron 1 behavior: " + Prefix + " vowels\n\nSequence 1 Tokens without Activations:\na\t" + d + "\nb\t" + d + "\nc\t" + d + "\n\n\nSequence 1 Tokens with Activations:\n"),
                new PromptMessage(PromptRole.Assistant, "a\t10" + d + "\nb\t0" + d + "\nc\t0" + d + "\n\n\n"),
                new PromptMessage(PromptRole.User,
                    "Sequence 2 Tokens without Activations:\nd\t" + d + "\ne\t" + d + "\nf\t" + d + "\n\n\nSequence 2 Tokens with Activations:\n"),
                new PromptMessage(PromptRole.Assistant, "d\t0" + d + "\ne\t10" + d + "\nf\t0" + d + "\n\n\n"),
                new PromptMessage(PromptRole.User,
                    "Neuron 2\nExplanation of neuron 2 behavior: " + Prefix + " dogs\n\nSequence 1 Tokens without Activations:\nx\t" + d + "\n\n\nSequence 1 Tokens with Activations:\n"),
            ],
            prompt.Messages);
    }

    private static Prompt SimulatorPrompts_LogprobFree() => LogprobFreePrompt.Build("dogs", ["x"], TestFewShotSets.Activations);

    [Theory]
    [InlineData("A\t4\u0F17\nB\t10\u0F17\n", "A|B", "4,10")]
    [InlineData("A\t4\u0F17\nB\t10", "A|B", "4,10")]
    [InlineData("\nA\t4\nB\t10\n", "A|B", "4,10")]
    [InlineData("preamble\u0F17\nA\t0\u0F17\nB\t7\t\u0F17\n", "A|B", "0,7")]
    public void Logprob_free_parse_reads_every_value_including_the_last_D8(string completion, string tokens, string values)
    {
        Assert.True(LogprobFreePrompt.TryParse(completion, tokens.Split('|'), out var parsed, out var failure), failure);
        Assert.Equal(values.Split(',').Select(int.Parse), parsed);
    }

    [Theory]
    [InlineData("A\t4\u0F17\nB\tx\u0F17\nC\t3", "A|B|C", "value 'x'")]
    [InlineData("A\t4\u0F17\nC\t3", "A|B|C", "2 lines")]
    [InlineData("Z\t4\u0F17\n", "A", "no line starts")]
    [InlineData("A\t4\u0F17\nC\t3\u0F17\n", "A|B", "line 2 does not start")]
    [InlineData("A\t11\u0F17\n", "A", "value '11'")]
    public void Logprob_free_parse_reports_a_failure_instead_of_zeros(string completion, string tokens, string reason)
    {
        Assert.False(LogprobFreePrompt.TryParse(completion, tokens.Split('|'), out var parsed, out var failure));
        Assert.Empty(parsed);
        Assert.Contains(reason, failure, StringComparison.Ordinal);
    }
}
