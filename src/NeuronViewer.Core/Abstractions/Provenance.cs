namespace NeuronViewer.Core.Abstractions;

/// <summary>Where a stored result came from, so results stay comparable and reproducible.</summary>
public sealed record Provenance(
    string SubjectModel,
    string SubjectModelRevision,
    string DType,
    string ActivationFunction,
    string Dataset,
    string? Explainer,
    string? Simulator,
    string? PromptFormatVersion,
    int? Seed,
    DateTimeOffset CreatedAt);
