using NeuronViewer.Core.Search;

namespace NeuronViewer.Core.Tests.Search;

public class ExplanationSearchTests
{
    [Theory]
    [InlineData("years", "dates and years", true)]
    [InlineData("year", "Years in text", true)]
    [InlineData("years numbers", "numbers that are years", true)] // any order
    [InlineData("years cats", "dates and years", false)] // every word is needed
    [InlineData("the end of a sentence", "end of sentence punctuation", true)] // common words are ignored
    [InlineData("the", "the word the", true)] // ... unless nothing else is left
    [InlineData("the", "a word", false)]
    [InlineData("\"the word\"", "The word cat", true)]
    [InlineData("\"word the\"", "the word cat", false)] // a phrase keeps its order
    [InlineData("the word “cat”", "the word cat after a verb", true)]
    [InlineData("“word cat” python", "the word cat in Python", true)]
    [InlineData("“word cat” python", "the word cat", false)]
    [InlineData("running", "runs and ran", true)]
    [InlineData("cities", "city names", true)]
    [InlineData("stopped", "stop words", true)]
    [InlineData("pyth", "Python code", true)] // a word being typed matches the words it starts
    [InlineData("cat", "concatenation", false)] // ... but only at the start of a word
    [InlineData("neuron's", "neurons firing", true)]
    [InlineData("1990s", "years like 1990 and 1991", true)]
    [InlineData("HTML", "html tags", true)]
    [InlineData("\"unclosed", "unclosed quote", true)] // a quote without its pair is just a character
    public void Matches_words_by_stem_in_any_order_and_phrases_as_written(string query, string text, bool expected) =>
        Assert.Equal(expected, ExplanationSearch.Parse(query).Matches(text));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("\"\"")]
    public void A_blank_query_matches_everything_even_a_missing_text(string? query)
    {
        var search = ExplanationSearch.Parse(query);
        Assert.True(search.IsEmpty);
        Assert.True(search.Matches(null));
        Assert.True(search.Matches("anything"));
    }

    [Fact]
    public void A_real_query_never_matches_a_missing_text() => Assert.False(ExplanationSearch.Parse("years").Matches(null));

    [Theory]
    [InlineData("cities", "city")]
    [InlineData("years", "year")]
    [InlineData("running", "run")]
    [InlineData("stopped", "stop")]
    [InlineData("started", "start")]
    [InlineData("boxes", "box")]
    [InlineData("classes", "class")]
    [InlineData("matches", "match")]
    [InlineData("falling", "fall")]
    [InlineData("string", "string")] // no vowel left before -ing: not an ending
    [InlineData("speed", "speed")]
    [InlineData("this", "this")]
    [InlineData("bus", "bus")]
    [InlineData("glass", "glass")]
    public void Stems_drop_plural_ing_and_ed_endings_only_where_a_word_is_left(string word, string stem) =>
        Assert.Equal(stem, ExplanationSearch.Stem(word));

    [Fact]
    public void Any_order_of_a_texts_own_words_finds_it_and_an_absent_word_does_not()
    {
        string[] vocabulary = ["dates", "years", "python", "tokens", "commas", "names", "cities", "numbers", "quotes", "verbs"];
        var random = new Random(5);
        for (var trial = 0; trial < 200; trial++)
        {
            var words = vocabulary.OrderBy(_ => random.Next()).Take(random.Next(1, 6)).ToArray();
            var text = string.Join(' ', words);
            var query = string.Join(' ', words.OrderBy(_ => random.Next()).Take(random.Next(1, words.Length + 1)));
            Assert.True(ExplanationSearch.Parse(query).Matches(text), $"'{query}' should find '{text}'");
            var absent = vocabulary.First(v => !words.Contains(v));
            Assert.False(ExplanationSearch.Parse(query + " " + absent).Matches(text), $"'{query} {absent}' should not find '{text}'");
        }
    }
}
