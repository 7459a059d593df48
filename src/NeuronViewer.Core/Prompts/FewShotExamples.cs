using NeuronViewer.Core.Records;

namespace NeuronViewer.Core.Prompts;

/// <summary>A worked example shown to the explainer or simulator: excerpts with activations and the explanation (no prefix, no final period).</summary>
public sealed record FewShotExample(
    IReadOnlyList<ActivationRecord> ActivationRecords,
    string Explanation,
    IReadOnlyList<int> FirstRevealedActivationIndices,
    int? TokenIndexToScore = null);

/// <summary>A named set of few-shot examples; <see cref="SingleTokenExample"/> serves the one-at-a-time simulator.</summary>
public sealed record FewShotExampleSet(string Name, IReadOnlyList<FewShotExample> Examples, FewShotExample? SingleTokenExample = null);

/// <summary>A token-list example for the token look-up-table explainer (explanation begins with a space, no final period).</summary>
public sealed record TokenSpaceExample(IReadOnlyList<string> Tokens, string Explanation);

/// <summary>The spec's TEST few-shot sets (§6.4, §6.3), used to check prompt layouts byte for byte.</summary>
public static class TestFewShotSets
{
    /// <summary>One example (a,b,c = [1,0,0]; d,e,f = [0,1,0]; "vowels"; revealed from [0,1]) and the single-token example g,h,i = [0,0,1].</summary>
    public static FewShotExampleSet Activations { get; } = new(
        "test",
        [
            new FewShotExample(
                [new ActivationRecord(["a", "b", "c"], [1, 0, 0]), new ActivationRecord(["d", "e", "f"], [0, 1, 0])],
                "vowels",
                [0, 1]),
        ],
        new FewShotExample([new ActivationRecord(["g", "h", "i"], [0, 0, 1])], "test explanation", [0], TokenIndexToScore: 2));

    /// <summary>One token-list example with three tokens and the explanation " this is a test explanation".</summary>
    public static IReadOnlyList<TokenSpaceExample> TokenSpace { get; } =
        [new TokenSpaceExample(["these", "are", "tokens"], " this is a test explanation")];
}
