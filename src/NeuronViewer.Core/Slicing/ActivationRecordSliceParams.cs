namespace NeuronViewer.Core.Slicing;

/// <summary>How many records each split gets; null means as many as the records allow (top: count / 4, random: count / 3, each on its own).</summary>
public sealed record ActivationRecordSliceParams(int? NExamplesPerSplit)
{
    /// <summary>The reference's demo setting: 5 records per split.</summary>
    public static ActivationRecordSliceParams Default { get; } = new(5);

    /// <summary>Every record, split evenly.</summary>
    public static ActivationRecordSliceParams All { get; } = new((int?)null);
}

/// <summary>Which held-out records an explanation is scored on.</summary>
public enum EvaluationSet
{
    /// <summary>The valid split: top-activating records followed by random records, 1:1 (the reference's default).</summary>
    TopAndRandom,

    /// <summary>The random records of the valid split only.</summary>
    RandomOnly,
}
