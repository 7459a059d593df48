using NeuronViewer.Core.Records;

namespace NeuronViewer.Core.Prompts;

/// <summary>
/// Our own few-shot examples for real use, hand-written by the NeuronViewer team with the reference's structure
/// (three examples of two excerpts, revealed-from indices, one single-token example; token lists with explanations).
/// </summary>
public static class AuthoredFewShotSets
{
    /// <summary>Version tag stored with results built from these examples.</summary>
    public const string Name = "neuronviewer-v1";

    public static FewShotExampleSet Activations { get; } = new(
        Name,
        [
            new FewShotExample(
                [
                    new ActivationRecord(
                        [" The", " war", " ended", " in", " 1945", " and", " the", " treaty", " was", " signed", " in", " 1947", "."],
                        [-0.05, -0.1, -0.02, 0.2, 3.1, -0.1, -0.04, -0.1, -0.03, -0.06, 0.1, 2.8, -0.02]),
                    new ActivationRecord(
                        [" Sales", " rose", " by", " 12", " percent", " between", " 2019", " and", " 2021"],
                        [-0.1, -0.03, -0.05, 0.4, -0.02, -0.1, 2.9, -0.05, 3.0]),
                ],
                "years written as four-digit numbers",
                [4, 2]),
            new FewShotExample(
                [
                    new ActivationRecord(
                        [" I", " do", " not", " think", " it", " will", " ever", " happen"],
                        [-0.02, -0.1, 2.5, -0.05, -0.03, -0.1, 0.6, -0.02]),
                    new ActivationRecord(
                        [" She", "'s", " no", " longer", " here", ",", " isn", "'t", " she", "?"],
                        [-0.04, -0.1, 2.2, 0.3, -0.05, -0.1, 0.5, 2.6, -0.03, -0.02]),
                ],
                "negation words such as \"not\", \"no\" and \"n't\"",
                [3, 1]),
            new FewShotExample(
                [
                    new ActivationRecord(
                        [" Preheat", " the", " oven", " and", " bake", " the", " bread", " for", " twenty", " minutes", "."],
                        [1.8, -0.1, 1.2, -0.05, 2.4, -0.1, 1.5, -0.02, -0.03, -0.1, -0.05]),
                    new ActivationRecord(
                        [" He", " spent", " the", " evening", " chopping", " onions", " and", " stirring", " the", " soup"],
                        [-0.1, -0.05, -0.1, -0.02, 2.0, 1.1, -0.04, 2.2, -0.1, 1.6]),
                ],
                "words about cooking and preparing food",
                [2, 5]),
        ],
        new FewShotExample(
            [new ActivationRecord([" Meeting", " moved", " to", " March", " 3", ",", " then", " to", " April"], [-0.1, -0.05, -0.02, 2.0, 0.3, -0.1, -0.05, -0.02, 2.5])],
            "names of months",
            [0],
            TokenIndexToScore: 3));

    /// <summary>Three token lists for the token look-up-table explainer (explanations begin with a space).</summary>
    public static IReadOnlyList<TokenSpaceExample> TokenSpace { get; } =
    [
        new([" Monday", " Tuesday", " Friday", " weekend", " Sunday", " Saturday", " Wednesday", " weekday", " Thursday", " weekends", " Mon", " Fri", " weekly", " fortnight", " Tues"],
            " days of the week and words about weekly schedules"),
        new([" blue", " red", " green", " yellow", " purple", " crimson", " orange", " pink", " turquoise", " grey", "blue", " violet", " scarlet", " beige", " teal"],
            " names of colours"),
        new([" kilometres", " metres", " miles", " km", " inches", " feet", " cm", " mm", " yards", " kilometers", " meters", " mile", " metre", " inch", " foot"],
            " units of length and distance"),
    ];
}
