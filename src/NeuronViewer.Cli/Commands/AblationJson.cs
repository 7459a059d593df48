using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using NeuronViewer.Core.Ablation;
using NeuronViewer.Pipeline.Ablation;

namespace NeuronViewer.Cli.Commands;

/// <summary>One JSON line per ablated explanation: the top-and-random figures, <c>random_only</c>, then counts, calibration and mean (NaN as null).</summary>
public static class AblationJson
{
    public static string Line(ExplanationAblation a, long? explanationId)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            w.WriteStartObject();
            Figures(w, a.TopAndRandom, withDivergence: true);
            w.WriteStartObject("random_only");
            Figures(w, a.RandomOnly, withDivergence: false);
            Counts(w, a.RandomOnly, a.FailedRandomExcerpts);
            w.WriteEndObject();
            Counts(w, a.TopAndRandom, a.FailedExcerpts);
            w.WriteString("explanation", a.Explanation);
            if (explanationId is { } id) w.WriteNumber("explanation_id", id);
            else w.WriteNull("explanation_id");
            w.WriteStartObject("calibration");
            w.WriteString("method", a.Calibration is null ? "none" : "linear");
            Number(w, "slope", a.Calibration?.Slope);
            Number(w, "intercept", a.Calibration?.Intercept);
            w.WriteNumber("records", a.CalibrationRecords);
            w.WriteEndObject();
            Number(w, "mean_activation", a.Mean.Value);
            w.WriteString("mean_source", a.Mean.SourceName);
            w.WriteString("simulator", a.Simulator.Label);
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void Figures(Utf8JsonWriter w, AblationResult r, bool withDivergence)
    {
        Number(w, "ablation_score", r.Score);
        Number(w, "d_simulated", r.DSimulated);
        Number(w, "d_mean_ablated", r.DMeanAblated);
        if (withDivergence) w.WriteString("divergence", r.Divergence.Name());
    }

    private static void Counts(Utf8JsonWriter w, AblationResult r, int failed)
    {
        w.WriteNumber("n_records", r.Records);
        w.WriteNumber("n_positions", r.Positions);
        w.WriteNumber("failed_excerpts", failed);
        if (r.NullReason is { } reason) w.WriteString("null_reason", reason);
    }

    private static void Number(Utf8JsonWriter w, string name, double? value)
    {
        if (CliJson.Number(value) is { } v) w.WriteNumber(name, v);
        else w.WriteNull(name);
    }
}
