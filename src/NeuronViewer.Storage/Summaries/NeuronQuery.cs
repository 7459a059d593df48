namespace NeuronViewer.Storage.Summaries;

/// <summary>Which score a browser filter or sort refers to.</summary>
public enum ScoreKind
{
    TopAndRandom,
    RandomOnly,
    Ablation,
}

/// <summary>Browser sort orders; neurons without a value sort last either way, ties by layer then index.</summary>
public enum NeuronSort
{
    Neuron,
    Score,
    MaxActivation,
    ExplanationCount,
}

/// <summary>A browser query: filters (layer, score range on one score kind, explanation text), sort and a page.</summary>
public sealed record NeuronQuery
{
    public const int MaxTake = 1000;

    public int? Layer { get; init; }

    /// <summary>The score the range filter and the Score sort use.</summary>
    public ScoreKind ScoreKind { get; init; } = ScoreKind.TopAndRandom;

    public double? MinScore { get; init; }

    public double? MaxScore { get; init; }

    /// <summary>Words (any order, by stem) and "quoted phrases" the best explanation must contain; see ExplanationSearch.</summary>
    public string? Text { get; init; }

    public NeuronSort Sort { get; init; } = NeuronSort.Neuron;

    public bool Descending { get; init; }

    public int Skip { get; init; }

    public int Take { get; init; } = 50;

    /// <summary>Throws a StorageException with a one-line message when the query cannot be answered.</summary>
    public void Validate()
    {
        if (Layer is < 0)
            throw new StorageException($"Layer {Layer} is invalid: layers start at 0.");
        if (Skip < 0)
            throw new StorageException($"Skip {Skip} is invalid: it must be 0 or more.");
        if (Take is < 1 or > MaxTake)
            throw new StorageException($"Page size {Take} is invalid: it must be between 1 and {MaxTake}.");
        if (MinScore is { } min && !double.IsFinite(min) || MaxScore is { } max && !double.IsFinite(max))
            throw new StorageException("A score bound must be a finite number.");
        if (MinScore > MaxScore)
            throw new StorageException($"The minimum score {MinScore} is above the maximum {MaxScore}.");
    }
}

/// <summary>One page of browser rows and the number of neurons matching the filters.</summary>
public sealed record NeuronPage(IReadOnlyList<NeuronSummary> Items, int Total);
