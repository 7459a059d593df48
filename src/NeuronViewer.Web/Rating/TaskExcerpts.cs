using NeuronViewer.Core.Records;
using NeuronViewer.Core.Slicing;
using NeuronViewer.Storage.Rating;

namespace NeuronViewer.Web.Rating;

/// <summary>Whether an excerpt shown to annotators is one of the neuron's top-activating excerpts or a random one.</summary>
public enum ExcerptKind
{
    Top,
    Random,
}

/// <summary>An excerpt on the rating form, labelled with its kind.</summary>
public sealed record ShownExcerpt(ActivationRecord Record, ExcerptKind Kind);

/// <summary>The excerpts of a rating task: the simulator's valid split (top and random), mixed in an order fixed per task.</summary>
public static class TaskExcerpts
{
    /// <summary>
    /// The valid split's top and random records (as the scorer slices them, <paramref name="examplesPerSplit"/> per split; null = all),
    /// in a random order that depends only on the task, so every annotator of the task sees the same sequence.
    /// </summary>
    public static IReadOnlyList<ShownExcerpt> For(NeuronRecord record, int? examplesPerSplit, long taskId)
    {
        ArgumentNullException.ThrowIfNull(record);
        var slice = new ActivationRecordSliceParams(examplesPerSplit);
        var valid = record.EvaluationRecords(slice, EvaluationSet.TopAndRandom);
        var random = record.EvaluationRecords(slice, EvaluationSet.RandomOnly);
        var topCount = valid.Count - random.Count;
        var shown = valid.Select((r, i) => new ShownExcerpt(r, i < topCount ? ExcerptKind.Top : ExcerptKind.Random)).ToList();
        return SeededOrder.Excerpts(taskId, shown.Count).Select(i => shown[i]).ToList();
    }
}
