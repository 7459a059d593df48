using NeuronViewer.Core.Records;

namespace NeuronViewer.Core.Slicing;

/// <summary>The interleaved train / calibration / valid / test splits of a neuron's records (spec §4).</summary>
public static class RecordSplits
{
    /// <summary>Split names of the top-activating records, in slicing order (stride 4).</summary>
    public static IReadOnlyList<string> TopSplits { get; } = ["train", "calibration", "valid", "test"];

    /// <summary>Split names of the random records, in slicing order (stride 3).</summary>
    public static IReadOnlyList<string> RandomSplits { get; } = ["calibration", "valid", "test"];

    /// <summary>Split s gets indices s, s+S, s+2S, … below n·S (S = <paramref name="splitCount"/>); together they cover 0..n·S−1 once.</summary>
    public static IReadOnlyList<IReadOnlyList<int>> InterleavedSlices(int splitCount, int perSplit)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(splitCount);
        ArgumentOutOfRangeException.ThrowIfNegative(perSplit);
        var slices = new IReadOnlyList<int>[splitCount];
        for (var s = 0; s < splitCount; s++)
            slices[s] = Enumerable.Range(0, perSplit).Select(k => s + (k * splitCount)).ToArray();
        return slices;
    }

    /// <summary>Top-activating records of the train split only (the explainer's input).</summary>
    public static IReadOnlyList<ActivationRecord> TrainActivationRecords(this NeuronRecord neuron, ActivationRecordSliceParams slice) =>
        Top(neuron, slice, "train");

    /// <summary>Top records of the calibration split followed by random records of the calibration split.</summary>
    public static IReadOnlyList<ActivationRecord> CalibrationActivationRecords(this NeuronRecord neuron, ActivationRecordSliceParams slice) =>
        [.. Top(neuron, slice, "calibration"), .. Random(neuron, slice, "calibration")];

    /// <summary>Top records of the valid split followed by random records of the valid split (the default scoring set).</summary>
    public static IReadOnlyList<ActivationRecord> ValidActivationRecords(this NeuronRecord neuron, ActivationRecordSliceParams slice) =>
        [.. Top(neuron, slice, "valid"), .. Random(neuron, slice, "valid")];

    /// <summary>Top records of the test split followed by random records of the test split.</summary>
    public static IReadOnlyList<ActivationRecord> TestActivationRecords(this NeuronRecord neuron, ActivationRecordSliceParams slice) =>
        [.. Top(neuron, slice, "test"), .. Random(neuron, slice, "test")];

    /// <summary>The records an explanation is scored on for <paramref name="set"/>.</summary>
    public static IReadOnlyList<ActivationRecord> EvaluationRecords(this NeuronRecord neuron, ActivationRecordSliceParams slice, EvaluationSet set) =>
        set switch
        {
            EvaluationSet.TopAndRandom => neuron.ValidActivationRecords(slice),
            EvaluationSet.RandomOnly => Random(neuron, slice, "valid"),
            _ => throw new ArgumentOutOfRangeException(nameof(set), set, "Unknown evaluation set."),
        };

    private static IReadOnlyList<ActivationRecord> Top(NeuronRecord neuron, ActivationRecordSliceParams slice, string split) =>
        Pick(neuron.MostPositiveActivationRecords, TopSplits, slice, split, "top-activating");

    private static IReadOnlyList<ActivationRecord> Random(NeuronRecord neuron, ActivationRecordSliceParams slice, string split) =>
        Pick(neuron.RandomSample, RandomSplits, slice, split, "random");

    private static IReadOnlyList<ActivationRecord> Pick(
        IReadOnlyList<ActivationRecord> records, IReadOnlyList<string> splits, ActivationRecordSliceParams slice, string split, string kind)
    {
        ArgumentNullException.ThrowIfNull(slice);
        var stride = splits.Count;
        var perSplit = slice.NExamplesPerSplit ?? records.Count / stride;
        if (perSplit < 0)
            throw new ArgumentOutOfRangeException(nameof(slice), perSplit, "The number of examples per split cannot be negative.");
        if (records.Count < perSplit * stride)
        {
            throw new ArgumentException(
                $"Not enough {kind} records: {records.Count} available but {perSplit} per split × {stride} splits " +
                $"({string.Join("/", splits)}) needs {perSplit * stride}.", nameof(slice));
        }

        var indices = InterleavedSlices(stride, perSplit)[IndexOf(splits, split)];
        return indices.Select(i => records[i]).ToArray();
    }

    private static int IndexOf(IReadOnlyList<string> splits, string split)
    {
        for (var i = 0; i < splits.Count; i++)
        {
            if (splits[i] == split)
                return i;
        }

        throw new ArgumentOutOfRangeException(nameof(split), split, "Unknown split.");
    }
}
