using NeuronViewer.Core.Records;
using NeuronViewer.Storage.Scores;
using NeuronViewer.Web.Viewer;

namespace NeuronViewer.Web.Neurons;

/// <summary>
/// Builds the list of evaluated excerpts of one stored score: the scored sequences in order with the failed ones put back
/// at their positions (shown with reason and raw response, never as zeros), each labelled "Top" or "Random" by finding its
/// tokens among the neuron record's top and random excerpts.
/// </summary>
public static class EvaluatedExcerpts
{
    /// <summary>
    /// The excerpts of <paramref name="simulation"/> and <paramref name="failures"/>; <paramref name="record"/> (optional) names
    /// the groups and supplies real activations of failed excerpts. Failures with a negative index belong to the calibration
    /// split, not the evaluated excerpts, and are left out.
    /// </summary>
    public static IReadOnlyList<SimulatedExcerpt> Build(ScoredSimulation simulation, IReadOnlyList<FailedSequence> failures, NeuronRecord? record)
    {
        ArgumentNullException.ThrowIfNull(simulation);
        ArgumentNullException.ThrowIfNull(failures);
        failures = failures.Where(f => f.SequenceIndex >= 0).ToList();
        var known = Index(record);
        var scored = simulation.ScoredSequenceSimulations.Select(s => SimulatedExcerpt.FromScored(s)).ToList();
        var total = scored.Count + failures.Count;
        var result = new List<SimulatedExcerpt>(total);
        var failedAt = failures.Where(f => f.SequenceIndex < total)
            .GroupBy(f => f.SequenceIndex).ToDictionary(g => g.Key, g => g.First());
        var placed = new HashSet<FailedSequence>(failedAt.Values);
        var next = 0;
        for (var position = 0; position < total; position++)
        {
            if (failedAt.TryGetValue(position, out var failure))
                result.Add(Failed(failure, known));
            else if (next < scored.Count)
                result.Add(scored[next++]);
        }
        result.AddRange(failures.Where(f => !placed.Contains(f)).Select(f => Failed(f, known)));
        return Label(result, known);
    }

    private static Dictionary<string, (string Group, ActivationRecord Record)> Index(NeuronRecord? record)
    {
        var index = new Dictionary<string, (string, ActivationRecord)>(StringComparer.Ordinal);
        if (record is null)
            return index;
        foreach (var r in record.RandomSample)
            index.TryAdd(Key(r.Tokens), ("Random", r));
        foreach (var r in record.MostPositiveActivationRecords)
            index[Key(r.Tokens)] = ("Top", r);
        return index;
    }

    private static SimulatedExcerpt Failed(FailedSequence failure, Dictionary<string, (string Group, ActivationRecord Record)> known)
    {
        // The real activations come from the record; when it is not at hand they are unknown (NaN: no colour, "—" on hover), never zeros.
        var real = known.TryGetValue(Key(failure.Tokens), out var found)
            ? found.Record
            : new ActivationRecord(failure.Tokens, failure.Tokens.Select(_ => double.NaN).ToArray());
        var reason = string.IsNullOrWhiteSpace(failure.Reason) ? "the simulator's answer could not be used" : failure.Reason;
        return SimulatedExcerpt.Failed(real, reason, failure.RawResponse);
    }

    /// <summary>Labels every excerpt when all of them are found in the record; otherwise leaves them unlabelled (the view then splits them in halves).</summary>
    private static IReadOnlyList<SimulatedExcerpt> Label(List<SimulatedExcerpt> excerpts, Dictionary<string, (string Group, ActivationRecord Record)> known)
    {
        var labels = excerpts.Select(e => known.TryGetValue(Key(e.Real.Tokens), out var k) ? k.Group : null).ToList();
        if (known.Count == 0 || labels.Any(l => l is null))
            return excerpts;
        return excerpts.Select((e, i) => e with { GroupLabel = labels[i] }).ToList();
    }

    private static string Key(IReadOnlyList<string> tokens) => string.Join('\u0001', tokens);
}
