using NeuronViewer.Core.Collection;
using NeuronViewer.SubjectModel.Corpus;
using NeuronViewer.SubjectModel.Tokenization;

namespace NeuronViewer.SubjectModel.Collection;

/// <summary>A corpus excerpt: its position in the excerpt stream and its token ids.</summary>
public sealed record Excerpt(long Index, int[] TokenIds);

/// <summary>
/// Cuts a corpus into excerpts: each document is tokenised and split into consecutive runs of ExcerptTokens tokens;
/// a document's shorter tail is kept if it has at least MinExcerptTokens tokens. Excerpts never cross documents.
/// </summary>
public static class ExcerptStream
{
    public static IEnumerable<Excerpt> Read(TextCorpus corpus, CollectionSettings settings, long? maxExcerpts = null)
    {
        var tok = Gpt2Tokenizer.Shared;
        long index = 0;
        foreach (var doc in corpus.Documents())
        {
            var ids = tok.Encode(doc);
            for (int start = 0; start < ids.Length; start += settings.ExcerptTokens)
            {
                int length = Math.Min(settings.ExcerptTokens, ids.Length - start);
                if (length < settings.MinExcerptTokens) break;
                if (maxExcerpts is long max && index >= max) yield break;
                yield return new Excerpt(index++, ids[start..(start + length)]);
            }
        }
    }

    /// <summary>Groups consecutive excerpts into batches of at most <paramref name="batchSize"/> excerpts of equal length.</summary>
    public static IEnumerable<IReadOnlyList<Excerpt>> Batches(IEnumerable<Excerpt> excerpts, int batchSize)
    {
        var batch = new List<Excerpt>(batchSize);
        foreach (var e in excerpts)
        {
            if (batch.Count > 0 && (batch.Count == batchSize || batch[0].TokenIds.Length != e.TokenIds.Length))
            {
                yield return batch;
                batch = new List<Excerpt>(batchSize);
            }
            batch.Add(e);
        }
        if (batch.Count > 0) yield return batch;
    }
}
