using System.Text.RegularExpressions;

namespace NeuronViewer.Web.Viewer.Samples;

/// <summary>Hand-made excerpts for the component gallery: GPT-2-like tokens (leading spaces kept) and made-up activations.</summary>
internal static partial class SampleText
{
    /// <summary>Excerpts about animals: what the gallery's made-up "animal" neuron fires on.</summary>
    public static readonly string[] TopExcerpts =
    [
        "The cat sat on the mat and watched the dog chase a squirrel across the garden.",
        "Her grandmother kept three cats, a parrot and an old tortoise called Humphrey.",
        "A fox slipped under the fence;\nthe hens never stood a chance.",
        "Wolves and coyotes share the valley with elk, deer and the occasional bear.",
        "The kitten\tpurred, the puppy barked, and the hamster ignored them both.",
        "Feed the horse before the cows, then let the sheep out into the top field.",
    ];

    /// <summary>Excerpts with little or nothing to do with animals.</summary>
    public static readonly string[] RandomExcerpts =
    [
        "The committee will publish its report on the budget next Tuesday morning.",
        "Paste <script>alert(1)</script> into the form and see whether it is escaped.",
        "He parked the car, locked the door and walked to the station in the rain.",
        "Prices rose by 3 percent in March, the largest monthly increase since 2019.",
        "She plays the violin in an orchestra and teaches maths on weekday evenings.",
        "The bridge was closed for repairs, so the bus took the long way round.",
    ];

    private static readonly HashSet<string> Animals = new(StringComparer.OrdinalIgnoreCase)
    {
        "cat", "cats", "dog", "squirrel", "parrot", "tortoise", "fox", "hens", "wolves", "coyotes", "elk", "deer", "bear",
        "kitten", "puppy", "hamster", "horse", "cows", "sheep",
    };

    private static readonly HashSet<string> Related = new(StringComparer.OrdinalIgnoreCase)
    {
        "purred", "barked", "chase", "fence", "garden", "field", "Humphrey", "valley",
    };

    /// <summary>Splits text into GPT-2-like tokens: words with their leading space, punctuation, newlines and tabs on their own.</summary>
    public static string[] Tokenize(string text) =>
        TokenPattern().Matches(text).Select(m => m.Value).ToArray();

    /// <summary>A made-up activation for a token: high on animal words, moderate on related words, small noise (some negative) elsewhere.</summary>
    public static double Activation(string token, Random random)
    {
        var word = token.Trim();
        if (Animals.Contains(word))
            return Math.Round(2.2 + random.NextDouble() * 1.1, 2);
        if (Related.Contains(word))
            return Math.Round(0.6 + random.NextDouble() * 0.8, 2);
        return Math.Round(-0.16 + random.NextDouble() * 0.3, 2);
    }

    /// <summary>A made-up simulation on the simulator's 0–10 scale: right about most animals, misses some, one false alarm.</summary>
    public static double Simulation(string token, Random random)
    {
        var word = token.Trim();
        if (Animals.Contains(word))
            return word is "hens" or "elk" ? 1 : Math.Round(7 + random.NextDouble() * 3, 1);
        if (word is "car" or "violin" or "bus")
            return 4;
        if (Related.Contains(word))
            return Math.Round(random.NextDouble() * 3, 1);
        return random.NextDouble() < 0.85 ? 0 : 1;
    }

    [GeneratedRegex(@"\n|\t| ?<script>alert\(1\)</script>| ?[A-Za-z]+| ?[0-9]+|[^\sA-Za-z0-9]| ", RegexOptions.CultureInvariant)]
    private static partial Regex TokenPattern();
}
