using NeuronViewer.Core.Abstractions;
using NeuronViewer.Core.Records;
using NeuronViewer.Storage;
using NeuronViewer.Storage.Explanations;
using NeuronViewer.Storage.Runs;
using NeuronViewer.Storage.Scores;

namespace NeuronViewer.Web.Tests.Neurons;

/// <summary>Neurons written through the Storage API as the pipeline writes them: a run, records, explanations, scores (with a failed sequence) and an ablation.</summary>
public static class NeuronSeed
{
    public const string Markup = "<script>alert(1)</script>";
    public const string MarkupExplanation = "mentions of " + Markup + " tags";
    public const string PlainExplanation = "the word cat";
    public const string FailureReason = "the reply had 7 numbers for 8 tokens";
    public const string RawResponse = "1, 2, " + Markup + ", 4";

    public static readonly BackendInfo Explainer = new("offline", "statistics", "statistics-v2", IsBaseline: true);
    public static readonly BackendInfo Simulator = new("openai-chat", "gpt-4o-mini", "v1", IsBaseline: false);

    /// <summary>A run of the given subject model.</summary>
    public static int Run(NeuronViewerStore store, string model = "test-model", string revision = "r1") =>
        store.Runs.Create(new CollectionRun { SubjectModel = model, SubjectModelRevision = revision, Dataset = "test corpus", Layers = [0, 1, 2], ExcerptLength = 8 });

    /// <summary>A record of 8-token excerpts (4 top, 4 random, 5 quantile buckets); excerpt tokens differ per neuron, one token is markup.</summary>
    public static NeuronRecord Record(NeuronId id, double max = 4)
    {
        ActivationRecord Excerpt(string kind, int i, double peak)
        {
            string[] tokens = [$" {kind}{i}", " the", " cat", i == 0 ? Markup : " sat", " on", " a", " mat", $" n{id.LayerIndex}x{id.NeuronIndex}"];
            return new ActivationRecord(tokens, tokens.Select((_, t) => t == 2 ? peak : t == 3 ? peak / 2 : -0.1).ToArray());
        }
        ActivationRecord[] Many(string kind, int n, double peak) => Enumerable.Range(0, n).Select(i => Excerpt(kind, i, peak - i * 0.1)).ToArray();
        return new NeuronRecord(id, Many("random", 4, max / 4),
            Enumerable.Range(0, 5).Select(b => (IReadOnlyList<ActivationRecord>)Many($"q{b}-", 1, max * (b + 1) / 6)).ToArray(),
            [double.NaN, 0.1, 0.5, 1, 2, double.NaN], 0.05, 0.2, 3.1, 12.5, Many("top", 4, max));
    }

    /// <summary>
    /// Stores a record and two explanations; the markup one is scored on the record's top and random excerpts (the second top
    /// excerpt failed with a raw response; one calibration excerpt failed too) and ablation-scored; the plain one is scored
    /// lower. Returns the ids of the markup and plain explanations.
    /// </summary>
    public static (long Markup, long Plain) Neuron(NeuronViewerStore store, int runId, NeuronId id, double markupScore = 0.62, double plainScore = 0.31)
    {
        var record = Record(id);
        store.Records.Save(runId, record);
        var ids = store.Explanations.AddMany([
            new StoredExplanation { Neuron = id, Text = MarkupExplanation, Source = ExplanationSource.Explainer, Backend = Explainer, IsBaseline = true },
            new StoredExplanation { Neuron = id, Text = PlainExplanation, Source = ExplanationSource.HumanWritten, Author = "Ada" },
        ]);
        var evaluated = record.MostPositiveActivationRecords.Concat(record.RandomSample).ToList();
        Score(store, ids[0], evaluated, markupScore, failAt: 1);
        Score(store, ids[1], evaluated, plainScore, failAt: null);
        store.Ablations.Save(new StoredAblationScore
        {
            ExplanationId = ids[0], Set = EvaluationSet.TopAndRandom, Score = 0.47, DivergenceSimulated = 0.08, DivergenceMeanAblated = 0.15, Excerpts = 8,
        });
        return (ids[0], ids[1]);
    }

    /// <summary>A score of one explanation: every evaluated excerpt simulated (simulated = real × 2 + 1), except <paramref name="failAt"/>.</summary>
    public static void Score(NeuronViewerStore store, long explanationId, IReadOnlyList<ActivationRecord> evaluated, double score, int? failAt)
    {
        var sequences = evaluated.Where((_, i) => i != failAt).Select(r => new ScoredSequenceSimulation(
            new SequenceSimulation(r.Tokens, r.Activations.Select(a => a * 2 + 1).ToArray(), ActivationScale.NeuronActivations, [], []),
            r.Activations, 0.9)).ToList();
        var failures = failAt is { } at
            ? new List<FailedSequence>
            {
                new() { SequenceIndex = at, Tokens = [.. evaluated[at].Tokens], Reason = FailureReason, RawResponse = RawResponse },
                new() { SequenceIndex = -1, Tokens = [" calibration"], Reason = "calibration split: timed out" },
            }
            : [];
        var calibration = new CalibrationInfo { Method = "linear", Parameters = [0.5, -0.25], Records = 6 };
        store.Scores.Save(new StoredScore
        {
            ExplanationId = explanationId, Set = EvaluationSet.TopAndRandom, Simulation = new ScoredSimulation(sequences, score, 0.3, 0.2),
            Simulator = Simulator, Calibration = calibration, Failures = failures,
        });
        var random = sequences.Skip(sequences.Count / 2).ToList();
        store.Scores.Save(new StoredScore
        {
            ExplanationId = explanationId, Set = EvaluationSet.RandomOnly, Simulation = new ScoredSimulation(random, score - 0.1, null, null),
            Simulator = Simulator, Calibration = calibration,
        });
    }
}
