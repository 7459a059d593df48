using NeuronViewer.Core.Abstractions;
using NeuronViewer.Core.Records;

namespace NeuronViewer.Web.Viewer.Samples;

/// <summary>Realistic made-up data for the component gallery (/dev/components): one "animal" neuron, end to end.</summary>
public static class ViewerSamples
{
    /// <summary>The made-up neuron the samples describe.</summary>
    public static NeuronId Neuron { get; } = new(3, 1187);

    /// <summary>A neuron record with top excerpts, five quantile buckets with boundaries, and a random sample.</summary>
    public static NeuronRecord Record()
    {
        var random = new Random(7);
        var top = SampleText.TopExcerpts.Select(t => Excerpt(t, random)).OrderByDescending(r => r.MaxActivation).ToArray();
        var rest = SampleText.RandomExcerpts.Select(t => Excerpt(t, random)).ToArray();
        var sample = rest.Concat(top.Take(2)).ToArray();
        IReadOnlyList<IReadOnlyList<ActivationRecord>> buckets =
        [
            [rest[2], rest[3], rest[5]],
            [rest[0], rest[4]],
            [rest[1], top[5]],
            [top[4], top[3]],
            [top[0]],
        ];
        return new NeuronRecord(Neuron, sample, buckets, [double.NaN, 0.12, 0.55, 1.4, 2.6, double.NaN],
            Mean: 0.08, Variance: 0.31, Skewness: 4.2, Kurtosis: 21.5, MostPositiveActivationRecords: top);
    }

    /// <summary>
    /// The evaluated excerpts of the best explanation: top then random, one failed simulation (with its raw response)
    /// and one whose simulated tokens differ from the real ones.
    /// </summary>
    public static IReadOnlyList<SimulatedExcerpt> SimulatedExcerpts()
    {
        var random = new Random(11);
        var list = new List<SimulatedExcerpt>();
        foreach (var (text, group) in SampleText.TopExcerpts.Take(4).Select(t => (t, "Top"))
                     .Concat(SampleText.RandomExcerpts.Take(4).Select(t => (t, "Random"))))
        {
            var real = Excerpt(text, random);
            var simulated = real.Tokens.Select(t => SampleText.Simulation(t, random)).ToArray();
            list.Add(new SimulatedExcerpt
            {
                Real = real,
                Simulation = Simulation(real.Tokens, simulated),
                Correlation = Pearson(real.Activations, simulated),
                GroupLabel = group,
            });
        }
        // The simulator echoed one token differently: the view must warn, not throw.
        var odd = list[2];
        var oddTokens = odd.Simulation!.Tokens.ToArray();
        oddTokens[1] = " box";
        list[2] = odd with { Simulation = odd.Simulation with { Tokens = oddTokens } };
        // A failed simulation: shown as failed with its reason, never as zeros.
        list[6] = SimulatedExcerpt.Failed(list[6].Real,
            "The simulator's reply could not be parsed: expected 14 numbers, found 9.",
            "{\"activations\": [0, 0, 1, 0, 0, 4, 0, 0, 0]}\n<end of response>", "Random");
        return list;
    }

    /// <summary>The same excerpts as a Core <see cref="ScoredSimulation"/> (failed excerpts left out, as the record has no failures).</summary>
    public static ScoredSimulation ScoredSimulation()
    {
        var excerpts = SimulatedExcerpts().Where(e => !e.IsFailed).ToArray();
        var sequences = excerpts.Select(e => new ScoredSequenceSimulation(e.Simulation!, e.Real.Activations, e.Correlation ?? double.NaN)).ToArray();
        var real = excerpts.SelectMany(e => e.Real.Activations).ToArray();
        var simulated = excerpts.SelectMany(e => e.Simulation!.ExpectedActivations).ToArray();
        return new ScoredSimulation(sequences, Pearson(real, simulated), null, null);
    }

    /// <summary>Five candidate explanations from two backends, one without an ablation score and one unscored.</summary>
    public static IReadOnlyList<ExplanationView> Explanations()
    {
        var gpt = new BackendInfo("openai-chat", "gpt-4o", "v1", IsBaseline: false);
        var baseline = new BackendInfo("token-lookup", "none", "v1", IsBaseline: true);
        return
        [
            new("names of animals, especially pets and farm animals", 0.71, 0.48, 0.52, gpt),
            new("animals and the sounds they make", 0.63, 0.41, null, gpt),
            new("nouns for living creatures <b>not</b> markup", 0.55, 0.22, 0.30, gpt),
            new("“ cat”, “ dog”, “ horse”, “ sheep”, “ fox”", 0.44, 0.35, null, baseline),
            new("words about the countryside", null, null, null, gpt),
        ];
    }

    /// <summary>A token look-up table: the tokens with the highest mean activation.</summary>
    public static TokenLookupTableSummaryOfNeuron LookupTable() => new(
        [" cats", " kitten", " dog", " horse", " sheep", " puppy", " fox", " hamster", " parrot", " cows", " deer", "\n", " bear"],
        [3.02, 2.95, 2.81, 2.77, 2.70, 2.66, 2.51, 2.40, 2.33, 2.30, 2.12, double.NaN, 1.87]);

    /// <summary>Weight-based input and output tokens, including a negative list and a token with markup.</summary>
    public static WeightBasedSummaryOfNeuron WeightSummary() => new(
        new TokensAndWeights([" cat", " dog", " pets", " kitten", " animals", " horse"], [0.42, 0.39, 0.35, 0.33, 0.31, 0.30]),
        new TokensAndWeights([" tax", " the", " committee", "<b>"], [-0.28, -0.22, -0.21, -0.19]),
        new TokensAndWeights([" food", " owner", " vet", " fur", " bowl"], [0.51, 0.44, 0.40, 0.38, 0.35]),
        new TokensAndWeights([" bridge", " budget", " algebra"], [-0.33, -0.29, -0.20]));

    /// <summary>Three upstream and three downstream neurons with their explanations.</summary>
    public static (IReadOnlyList<RelatedNeuronView> Upstream, IReadOnlyList<RelatedNeuronView> Downstream) RelatedNeurons() =>
    (
        [
            new(new NeuronId(1, 204), 0.83, [new("the word “cat” and its plural", 0.62)]),
            new(new NeuronId(2, 3071), 0.61, [new("farm vocabulary", 0.35), new("rural places", 0.18)]),
            new(new NeuronId(0, 12), 0.47, []),
        ],
        [
            new(new NeuronId(5, 88), 0.74, [new("predicts “ food” or “ owner” after an animal", 0.41)]),
            new(new NeuronId(4, 2500), 0.52, [new("pets in children's stories", 0.29)]),
            new(new NeuronId(7, 9), 0.38, [new("plural nouns", null)]),
        ]
    );

    private static ActivationRecord Excerpt(string text, Random random)
    {
        var tokens = SampleText.Tokenize(text);
        return new ActivationRecord(tokens, tokens.Select(t => SampleText.Activation(t, random)).ToArray());
    }

    private static SequenceSimulation Simulation(IReadOnlyList<string> tokens, IReadOnlyList<double> expected) =>
        new(tokens, expected, ActivationScale.SimulatedNormalizedActivations,
            expected.Select(v => (IReadOnlyList<double>)[v]).ToArray(),
            expected.Select(_ => (IReadOnlyList<double>)[1.0]).ToArray());

    private static double Pearson(IReadOnlyList<double> x, IReadOnlyList<double> y) => NeuronViewer.Core.Scoring.ScoreFunctions.EvCorrelation(x, y);
}
