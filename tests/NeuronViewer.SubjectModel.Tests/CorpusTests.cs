using NeuronViewer.Core.Collection;
using NeuronViewer.SubjectModel.Collection;
using NeuronViewer.SubjectModel.Corpus;
using NeuronViewer.SubjectModel.Tokenization;

namespace NeuronViewer.SubjectModel.Tests;

/// <summary>Corpus reading, Brown de-tagging and cutting documents into excerpts.</summary>
public class CorpusTests
{
    [Fact]
    public void Brown_tags_are_removed_and_punctuation_and_quotes_are_spaced_as_in_prose()
    {
        var tagged = "\n\n\tThe/at jury/nn said/vbd ``/`` no/at evidence/nn ''/'' ,/, and/cc more/ap '/' pro/jj '/' letters/nns ./.\n" +
                     "It/pps urged/vbd (/( quickly/rb )/) that/cs it/pps ;/. go/vb ?/.\n\n\n\tNew/jj paragraph/nn ./.\n";
        Assert.Equal("The jury said \"no evidence\", and more 'pro' letters. It urged (quickly) that it; go?\n\nNew paragraph.",
            BrownDetokenizer.Convert(tagged));
    }

    [Fact]
    public void Documents_are_split_on_end_of_text_lines_and_empty_ones_dropped()
    {
        Assert.Equal(["one\ntwo", "three"], TextCorpus.Split("one\ntwo\n<|endoftext|>\n\n<|endoftext|>\nthree\n").ToList());
    }

    [Fact]
    public void Excerpts_are_consecutive_runs_within_a_document_with_short_tails_dropped()
    {
        using var dir = new TempFolder();
        var doc1 = string.Concat(Enumerable.Repeat("The cat sat on the mat. ", 30));
        var doc2 = "A short one.";
        File.WriteAllText(dir.File("c.txt"), doc1 + "\n<|endoftext|>\n" + doc2);
        var settings = new CollectionSettings { ExcerptTokens = 64, MinExcerptTokens = 8 };
        var excerpts = ExcerptStream.Read(TextCorpus.Open(dir.File("c.txt")), settings).ToList();
        var ids = Gpt2Tokenizer.Shared.Encode(doc1.TrimEnd('\n'));
        int full = ids.Length / 64, tail = ids.Length % 64;
        Assert.Equal(full + (tail >= 8 ? 1 : 0), excerpts.Count);
        Assert.Equal(ids.Take(full * 64 + (tail >= 8 ? tail : 0)), excerpts.SelectMany(e => e.TokenIds));
        Assert.Equal(Enumerable.Range(0, excerpts.Count).Select(i => (long)i), excerpts.Select(e => e.Index));
        Assert.Equal(3, ExcerptStream.Read(TextCorpus.Open(dir.File("c.txt")), settings, maxExcerpts: 3).Count());
        var batches = ExcerptStream.Batches(excerpts, 4).ToList();
        Assert.All(batches, b => Assert.Single(b.Select(e => e.TokenIds.Length).Distinct()));
    }

    [Fact]
    public void The_bundled_corpus_is_the_de_tagged_brown_corpus()
    {
        var docs = TextCorpus.Open("bundled").Documents().ToList();
        Assert.Equal(500, docs.Count);
        Assert.StartsWith("The Fulton County Grand Jury said Friday", docs[0]);
        Assert.DoesNotContain("/nn", docs[0]);
        Assert.True(File.Exists(Path.Combine(Path.GetDirectoryName(BundledAssets.CorpusFile)!, "NOTICE.md")));
    }
}
