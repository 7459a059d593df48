using NeuronViewer.Core.Prompts;

namespace NeuronViewer.Core.Tests.Prompts;

/// <summary>Role validation, output formats and token counting of the prompt builder (spec §5).</summary>
public sealed class PromptBuilderTests
{
    private sealed class WordCounter : ITokenCounter
    {
        public int CountTokens(string text) => text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;
    }

    private static PromptBuilder Sample() => new PromptBuilder()
        .Add(PromptRole.System, "sys ").Add(PromptRole.User, "question one ").Add(PromptRole.Assistant, "answer ").Add(PromptRole.User, "question two");

    [Fact]
    public void None_concatenates_contents_without_separators()
    {
        Assert.Equal("sys question one answer question two", Sample().Build(PromptFormat.None).Text);
    }

    [Fact]
    public void Instruction_following_marks_the_last_user_message_even_when_an_assistant_follows()
    {
        var prompt = Sample().Add(PromptRole.Assistant, " prefill").Build(PromptFormat.InstructionFollowing);
        Assert.Equal("sys question one answer question two<|endofprompt|> prefill", prompt.Text);
    }

    [Fact]
    public void Chat_token_count_adds_four_per_message_and_two()
    {
        var prompt = Sample().Build(PromptFormat.HarmonyV4);
        Assert.Equal((4 + 1) + (4 + 2) + (4 + 1) + (4 + 2) + 2, prompt.CountTokens(new WordCounter()));
        Assert.Equal(6, Sample().Build(PromptFormat.None).CountTokens(new WordCounter()));
    }

    [Theory]
    [InlineData("user")]
    [InlineData("system,user,user")]
    [InlineData("system,assistant")]
    [InlineData("system,user,assistant,assistant")]
    [InlineData("system,user,system")]
    public void Wrong_role_order_is_rejected(string roles)
    {
        var builder = new PromptBuilder();
        foreach (var role in roles.Split(','))
            builder.Add(Enum.Parse<PromptRole>(role, ignoreCase: true), "x");
        var ex = Assert.Throws<InvalidOperationException>(() => builder.Build(PromptFormat.HarmonyV4));
        Assert.Contains("was expected", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Extra_system_messages_are_allowed_when_asked_and_a_user_must_follow()
    {
        var builder = Sample().Add(PromptRole.Assistant, "a").Add(PromptRole.System, "again").Add(PromptRole.User, "u");
        Assert.Equal(7, builder.Build(PromptFormat.HarmonyV4, allowExtraSystemMessages: true).Messages.Count);
        var bad = Sample().Add(PromptRole.System, "again").Add(PromptRole.Assistant, "a");
        Assert.Throws<InvalidOperationException>(() => bad.Build(PromptFormat.HarmonyV4, allowExtraSystemMessages: true));
    }
}
