using Plotly.Blazor;

namespace NeuronViewer.Web.Viewer;

/// <summary>A chart ready for Plotly: traces, layout, and a one-sentence text description for screen readers.</summary>
public sealed record ChartFigure(IList<ITrace> Data, Layout Layout, string Description);
