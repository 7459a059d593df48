namespace NeuronViewer.Core.Prompts;

/// <summary>The author of a prompt message.</summary>
public enum PromptRole
{
    System,
    User,
    Assistant,
}

/// <summary>How a prompt is rendered: plain concatenation, concatenation with <c>&lt;|endofprompt|&gt;</c>, or chat messages (spec §5).</summary>
public enum PromptFormat
{
    /// <summary>All contents concatenated, roles dropped.</summary>
    None,

    /// <summary>Like <see cref="None"/>, with <c>&lt;|endofprompt|&gt;</c> appended to the last user message.</summary>
    InstructionFollowing,

    /// <summary>The list of chat messages itself (sent to chat completions).</summary>
    HarmonyV4,
}

/// <summary>One message of a prompt.</summary>
public sealed record PromptMessage(PromptRole Role, string Content);

/// <summary>Counts tokens of a text for context-size checks (cl100k_base in the reference; implemented outside Core).</summary>
public interface ITokenCounter
{
    int CountTokens(string text);
}

/// <summary>A built prompt: chat messages for <see cref="PromptFormat.HarmonyV4"/>, otherwise one string.</summary>
public sealed record Prompt(PromptFormat Format, IReadOnlyList<PromptMessage> Messages, string? Text)
{
    /// <summary>The marker appended to the last user message in instruction-following format.</summary>
    public const string EndOfPromptMarker = "<|endofprompt|>";

    /// <summary>Tokens as the reference counts them: chat adds 4 per message plus 2; strings are counted as they are.</summary>
    public int CountTokens(ITokenCounter counter)
    {
        ArgumentNullException.ThrowIfNull(counter);
        return Format == PromptFormat.HarmonyV4
            ? Messages.Sum(m => 4 + counter.CountTokens(m.Content)) + 2
            : counter.CountTokens(Text!);
    }
}

/// <summary>Collects messages and validates their role order before rendering them in a <see cref="PromptFormat"/> (spec §5).</summary>
public sealed class PromptBuilder
{
    private readonly List<PromptMessage> _messages = [];

    /// <summary>The messages added so far.</summary>
    public IReadOnlyList<PromptMessage> Messages => _messages;

    public PromptBuilder Add(PromptRole role, string content)
    {
        ArgumentNullException.ThrowIfNull(content);
        _messages.Add(new PromptMessage(role, content));
        return this;
    }

    /// <summary>Validates the role order (system first, then user/assistant alternating) and renders the prompt.</summary>
    public Prompt Build(PromptFormat format, bool allowExtraSystemMessages = false)
    {
        Validate(allowExtraSystemMessages);
        var messages = _messages.ToList();
        if (format == PromptFormat.HarmonyV4)
            return new Prompt(format, messages, null);
        if (format == PromptFormat.InstructionFollowing)
        {
            var last = messages.FindLastIndex(m => m.Role == PromptRole.User);
            if (last < 0)
                throw new InvalidOperationException("An instruction-following prompt needs a user message to end with <|endofprompt|>.");
            messages[last] = messages[last] with { Content = messages[last].Content + Prompt.EndOfPromptMarker };
        }
        return new Prompt(format, messages, string.Concat(messages.Select(m => m.Content)));
    }

    private void Validate(bool allowExtraSystemMessages)
    {
        PromptRole expected = PromptRole.System;
        for (var i = 0; i < _messages.Count; i++)
        {
            var role = _messages[i].Role;
            if (role != expected && !(allowExtraSystemMessages && role == PromptRole.System && i > 0))
                throw new InvalidOperationException(
                    $"Prompt message {i} has role {role} but {expected} was expected (system first, then user and assistant alternating).");
            expected = role == PromptRole.User ? PromptRole.Assistant : PromptRole.User;
        }
    }
}
