using NeuronViewer.Core.Collection;
using NeuronViewer.SubjectModel.Corpus;
using NeuronViewer.SubjectModel.Model;

namespace NeuronViewer.SubjectModel.Collection;

/// <summary>What to collect: which model, corpus and layers, how much, and where to keep the resumable checkpoint.</summary>
public sealed record CollectionRequest(
    Gpt2Model Model,
    TextCorpus Corpus,
    IReadOnlyList<int> Layers,
    CollectionSettings Settings,
    long? MaxExcerpts = null,
    int BatchSize = 16,
    string? CheckpointPath = null)
{
    /// <summary>How often the state is saved to <see cref="CheckpointPath"/> (also after each pass).</summary>
    public TimeSpan CheckpointInterval { get; init; } = TimeSpan.FromMinutes(2);
}

/// <summary>Progress of a collection: stage, excerpts processed over both passes, speed and estimated time left.</summary>
public sealed record CollectionProgress(string Stage, long Processed, long Total, double TokensPerSecond, TimeSpan Elapsed, TimeSpan? Remaining);
