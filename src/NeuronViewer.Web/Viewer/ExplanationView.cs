using NeuronViewer.Core.Abstractions;

namespace NeuronViewer.Web.Viewer;

/// <summary>One candidate explanation for the viewer: its text, scores (null when not computed) and the backend that wrote it.</summary>
public sealed record ExplanationView(
    string Text,
    double? TopAndRandomScore,
    double? RandomOnlyScore = null,
    double? AblationScore = null,
    BackendInfo? Backend = null);
