using NeuronViewer.Explainers.Offline;

namespace NeuronViewer.Explainers.Tests;

/// <summary>How the offline simulator reads explanations: exclusions, examples, numbers, context, negation, ordinals, punctuation names.</summary>
public sealed class LexicalReadingTests
{
    private static async Task<IReadOnlyList<double>> Simulate(string explanation, params string[] tokens) =>
        (await new LexicalSimulator().SimulateAsync(explanation, tokens)).Simulation!.ExpectedActivations;

    [Fact]
    public async Task Examples_count_by_stem_and_a_but_not_clause_excludes()
    {
        Assert.Equal([8, 0, 10, 0], await Simulate("motion on foot (e.g. \"running\", \"walking\"), but not motion in the air (e.g. \"flying\")", " walked", " flying", " running", " table"));
        Assert.Equal([0, 10, 10, 0], await Simulate("instances of the words \"flying\" and \"running\"", " walked", " flying", " running", " table"));
    }

    [Fact]
    public async Task Numbers_are_read_over_several_tokens_with_comparisons_years_and_listed_values()
    {
        string[] tokens = [" ", "2", ",", "000", ",", "560", " and", " 12", ",", "000"];
        Assert.Equal([0, 8, 8, 8, 8, 8, 0, 0, 0, 0], await Simulate("numbers greater than one million", tokens));
        Assert.Equal([0, 0, 0, 0, 0, 0, 0, 8, 8, 8], await Simulate("numbers under 1,000,000", tokens));
        Assert.Equal([0, 8, 8, 8, 8, 8, 0, 8, 8, 8], await Simulate("large numbers", tokens));
        Assert.Equal([0, 10, 10], await Simulate("the year \"1687\"", " ", "168", "7"));
        Assert.Equal([8, 0, 8], await Simulate("years", " 1990", " 12", " 2028"));
        Assert.Equal([10, 0, 10, 10], await Simulate("the numbers 2, 4, and 5", " 2", " 3", " 4", " 5"));
        Assert.Equal([8, 0, 8], await Simulate("single digit numbers", " 2", " 34", " 5"));
    }

    [Fact]
    public async Task Context_rules_read_quoted_and_unquoted_words()
    {
        string[] tokens = [" lot", " of", " people", " in", " an", " hour"];
        Assert.Equal([0, 0, 10, 0, 0, 0], await Simulate("positions following the word of", tokens));
        Assert.Equal([0, 0, 0, 10, 0, 0], await Simulate("positions where the next word is likely to be \"an\"", tokens));
        Assert.Equal([0, 0, 0, 10, 0, 0], await Simulate("the word preceding \"an\"", tokens));
        Assert.Equal([0, 0, 0, 0, 0, 10], await Simulate("the token after the word \"an\"", tokens));
    }

    [Fact]
    public async Task Only_when_negated_keeps_matches_shortly_after_a_negation()
    {
        string[] tokens = ["It", " didn", "'t", " stop", " us", ".", " We", " will", " stop", " now"];
        Assert.Equal([0, 0, 0, 10, 0, 0, 0, 0, 10, 0], await Simulate("the word \"stop\"", tokens));
        Assert.Equal([0, 0, 0, 10, 0, 0, 0, 0, 0, 0], await Simulate("the word \"stop\", but only when negated", tokens));
    }

    [Fact]
    public async Task An_ordinal_picks_the_nth_distinct_name_and_names_may_open_sentences()
    {
        string[] tokens = ["Kate", ",", " Eve", " and", " Claire", " met", ".", " Kate", " left", " Eve", "."];
        Assert.Equal([0, 0, 8, 0, 0, 0, 0, 0, 0, 8, 0], await Simulate("the second name in the passage", tokens));
        Assert.Equal([8, 0, 8, 0, 8, 0, 0, 8, 0, 8, 0], await Simulate("names of people", tokens));
        Assert.Equal([0, 0, 0, 0, 8, 0, 0, 0, 0, 0, 0], await Simulate("the last name mentioned", tokens));
    }

    [Fact]
    public async Task Punctuation_marks_are_read_by_name_and_nothing_else_drops_loose_matches()
    {
        Assert.Equal([0, 8, 0, 0], await Simulate("commas", " a", ",", " b", "."));
        Assert.Equal([0, 8, 0, 8], await Simulate("punctuation", " a", ",", " b", "."));
        Assert.Equal([8, 0], await Simulate("less-than signs", " <", " =="));
        Assert.Equal([10, 6], await Simulate("\"tea\" and words related to drinking", " tea", " drinks"));
        Assert.Equal([10, 0], await Simulate("\"tea\" and nothing else related to drinking", " tea", " drinks"));
    }

    [Fact]
    public async Task The_word_x_is_that_word_and_words_related_to_x_match_by_stem()
    {
        Assert.Equal([10, 0, 0], await Simulate("the word cup", " cup", " cups", " tea"));
        Assert.Equal([6, 6, 0], await Simulate("words related to cups", " cup", " cups", " tea"));
        Assert.Equal([0, 0, 0], await Simulate("the word is unclear", " cup", " cups", " tea"));
    }
}
