using NeuronViewer.Core.Collection;
using NeuronViewer.SubjectModel.Corpus;
using NeuronViewer.SubjectModel.Model;

namespace NeuronViewer.SubjectModel.Collection;

/// <summary>
/// What to collect: which model, corpus and layers, how much, and the folder for the resumable checkpoint (a file named
/// after a fingerprint of the request, so rerunning the same request resumes it and a different one starts afresh).
/// </summary>
public sealed record CollectionRequest(
    Gpt2Model Model,
    TextCorpus Corpus,
    IReadOnlyList<int> Layers,
    CollectionSettings Settings,
    long? MaxExcerpts = null,
    int BatchSize = 16,
    string? CheckpointFolder = null)
{
    /// <summary>How often the state is saved in <see cref="CheckpointFolder"/> (also after each pass).</summary>
    public TimeSpan CheckpointInterval { get; init; } = TimeSpan.FromMinutes(2);
}

/// <summary>Progress of a collection: stage, excerpts processed over both passes, speed and estimated time left.</summary>
public sealed record CollectionProgress(string Stage, long Processed, long Total, double TokensPerSecond, TimeSpan Elapsed, TimeSpan? Remaining);
