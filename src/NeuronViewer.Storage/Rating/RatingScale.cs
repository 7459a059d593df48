namespace NeuronViewer.Storage.Rating;

/// <summary>A study's integer rating scale (default 1–5) with an optional label per value, shown to annotators.</summary>
public sealed class RatingScale
{
    /// <summary>The most values a scale may have (0–10).</summary>
    public const int MaxValues = 11;

    public int Min { get; set; } = 1;

    public int Max { get; set; } = 5;

    /// <summary>One label per value from <see cref="Min"/> to <see cref="Max"/>, or none.</summary>
    public List<string> Labels { get; set; } = [];

    /// <summary>1–5, "how well does it capture the activations": not at all … fully.</summary>
    public static RatingScale Default => new()
    {
        Min = 1, Max = 5, Labels = ["Not at all", "Slightly", "Partly", "Mostly", "Fully"],
    };

    /// <summary>The values from lowest to highest.</summary>
    public IEnumerable<int> Values => Enumerable.Range(Min, Math.Max(0, Max - Min + 1));

    public bool Contains(int value) => value >= Min && value <= Max;

    /// <summary>The label of a value, or null when the scale has no labels.</summary>
    public string? LabelOf(int value) => Labels.Count == Max - Min + 1 && Contains(value) ? Labels[value - Min] : null;

    /// <summary>Throws a StorageException with a one-line message when the scale cannot be used.</summary>
    public void Validate()
    {
        if (Min >= Max)
            throw new StorageException($"The rating scale {Min}–{Max} is invalid: the lowest value must be below the highest.");
        if (Max - Min + 1 > MaxValues)
            throw new StorageException($"The rating scale {Min}–{Max} has {Max - Min + 1} values; at most {MaxValues} are allowed.");
        if (Labels.Count != 0 && Labels.Count != Max - Min + 1)
            throw new StorageException($"The rating scale {Min}–{Max} needs {Max - Min + 1} labels (one per value) or none; it has {Labels.Count}.");
        if (Labels.Any(string.IsNullOrWhiteSpace))
            throw new StorageException("A rating-scale label is empty.");
    }

    public RatingScale Copy() => new() { Min = Min, Max = Max, Labels = [.. Labels] };
}
