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
        var known = new Known(record);
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

    /// <summary>The record's top and random excerpts by their tokens (an excerpt can be in both), with the record to take real activations from.</summary>
    private sealed class Known(NeuronRecord? record)
    {
        private readonly HashSet<string> top = [.. (record?.MostPositiveActivationRecords ?? []).Select(r => Key(r.Tokens))];
        private readonly HashSet<string> random = [.. (record?.RandomSample ?? []).Select(r => Key(r.Tokens))];
        private readonly Dictionary<string, ActivationRecord> byTokens = (record?.MostPositiveActivationRecords ?? [])
            .Concat(record?.RandomSample ?? []).GroupBy(r => Key(r.Tokens)).ToDictionary(g => g.Key, g => g.First());

        public bool IsEmpty => byTokens.Count == 0;

        public bool InTop(IReadOnlyList<string> tokens) => top.Contains(Key(tokens));

        public bool InRandom(IReadOnlyList<string> tokens) => random.Contains(Key(tokens));

        public ActivationRecord? Find(IReadOnlyList<string> tokens) => byTokens.GetValueOrDefault(Key(tokens));
    }

    private static SimulatedExcerpt Failed(FailedSequence failure, Known known)
    {
        // The real activations come from the record; when it is not at hand they are unknown (NaN: no colour, "—" on hover), never zeros.
        var real = known.Find(failure.Tokens)
            ?? new ActivationRecord(failure.Tokens, failure.Tokens.Select(_ => double.NaN).ToArray());
        var reason = string.IsNullOrWhiteSpace(failure.Reason) ? "the simulator's answer could not be used" : failure.Reason;
        return SimulatedExcerpt.Failed(real, reason, failure.RawResponse);
    }

    /// <summary>
    /// The evaluated set is top excerpts followed by random ones (spec §4). The split point is where every excerpt before it is
    /// one of the record's top excerpts and every one after it a random one (an excerpt can be both), closest to the middle
    /// (the splits take as many of each); with no such point the excerpts stay unlabelled and the view splits them in halves.
    /// </summary>
    private static IReadOnlyList<SimulatedExcerpt> Label(List<SimulatedExcerpt> excerpts, Known known)
    {
        var n = excerpts.Count;
        if (known.IsEmpty || n == 0)
            return excerpts;
        var topPrefix = new bool[n + 1];
        var randomSuffix = new bool[n + 1];
        topPrefix[0] = randomSuffix[n] = true;
        for (var i = 0; i < n; i++)
            topPrefix[i + 1] = topPrefix[i] && known.InTop(excerpts[i].Real.Tokens);
        for (var i = n - 1; i >= 0; i--)
            randomSuffix[i] = randomSuffix[i + 1] && known.InRandom(excerpts[i].Real.Tokens);
        var splits = Enumerable.Range(0, n + 1).Where(k => topPrefix[k] && randomSuffix[k]).ToList();
        if (splits.Count == 0)
            return excerpts;
        var split = splits.MinBy(k => Math.Abs(2 * k - n));
        return excerpts.Select((e, i) => e with { GroupLabel = i < split ? "Top" : "Random" }).ToList();
    }

    private static string Key(IReadOnlyList<string> tokens) => string.Join('\u0001', tokens);
}
