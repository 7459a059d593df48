using NeuronViewer.Core.Prompts;

namespace NeuronViewer.Core.Tests.Prompts;

/// <summary>Numbered-list splitting (spec §6.2) and normalisation/deduplication of candidates (§15.4).</summary>
public sealed class ExplanationTextTests
{
    [Fact]
    public void Numbered_list_is_split_and_the_prefix_removed_keeping_empty_pieces()
    {
        var pieces = ExplanationText.SplitNumberedList(" dates in the past.\n2. the main thing this neuron does is find  numbers\n3.\n4. years.");
        Assert.Equal(["dates in the past.", "numbers", "", "years."], pieces);
    }

    [Fact]
    public void Normalize_trims_collapses_whitespace_and_removes_one_final_period()
    {
        Assert.Equal("the word \"of\" after verbs", ExplanationText.Normalize("  the   word \"of\"\nafter verbs. "));
        Assert.Equal("dates..", ExplanationText.Normalize("dates..."));
        Assert.Equal("numbers", ExplanationText.Normalize(" The main thing this neuron does is find numbers."));
    }

    [Fact]
    public void Candidates_are_deduplicated_case_insensitively_keeping_the_first()
    {
        var unique = ExplanationText.NormalizeAndDeduplicate([" Vowels.", "vowels", "consonants ", "", "VOWELS ."]);
        Assert.Equal(["Vowels", "consonants"], unique);
    }
}
