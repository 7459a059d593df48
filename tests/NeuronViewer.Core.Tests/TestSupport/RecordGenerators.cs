using FsCheck;
using FsCheck.Fluent;
using NeuronViewer.Core.Records;

namespace NeuronViewer.Core.Tests.TestSupport;

/// <summary>FsCheck generators of records with awkward values: NaN/±Infinity, -0.0, extreme exponents, control and astral characters.</summary>
public static class RecordGenerators
{
    public static Gen<double> AnyDouble =>
        Gen.Frequency(
            (6, Gen.Choose(-1_000_000, 1_000_000).Select(i => i / 1000.0)),
            (3, ArbMap.Default.GeneratorFor<double>()),
            (1, Gen.Elements(double.NaN, double.PositiveInfinity, double.NegativeInfinity, -0.0, double.Epsilon, double.MaxValue, 1e16, 1e-7)));

    public static Gen<string> Token =>
        Gen.Frequency(
            (5, Gen.Elements(" the", "ing", "\n", "\t", "é", "😀", "\"", "\\", "<", "\u0000", "\u2028", "")),
            (2, ArbMap.Default.GeneratorFor<string>().Where(s => s is not null && !HasLoneSurrogate(s))));

    public static Gen<ActivationRecord> ActivationRecord =>
        Gen.Choose(0, 6).SelectMany(n => Token.ArrayOf(n).Zip(AnyDouble.ArrayOf(n)))
            .Select(t => new ActivationRecord(t.Item1, t.Item2));

    public static Gen<NeuronId> NeuronId => Gen.Choose(0, 47).Zip(Gen.Choose(0, 6399)).Select(t => new NeuronId(t.Item1, t.Item2));

    public static Gen<NeuronRecord> NeuronRecord =>
        from id in NeuronId
        from random in ActivationRecord.ArrayOf().Select(a => a.Take(4).ToArray())
        from buckets in Gen.Choose(0, 3)
        from byQuantile in ActivationRecord.ArrayOf(2).ArrayOf(buckets)
        from hasQuantiles in ArbMap.Default.GeneratorFor<bool>()
        from boundaries in AnyDouble.ArrayOf(buckets + 1)
        from moments in AnyDouble.ArrayOf(4)
        from top in ActivationRecord.ArrayOf().Select(a => a.Take(4).ToArray())
        select new NeuronRecord(
            id, random, hasQuantiles ? byQuantile : null, hasQuantiles ? boundaries : null,
            moments[0], moments[1], moments[2], moments[3], top);

    public static Gen<SequenceSimulation> SequenceSimulation =>
        from n in Gen.Choose(0, 5)
        from tokens in Token.ArrayOf(n)
        from ev in AnyDouble.ArrayOf(n)
        from scale in Gen.Elements(Records.ActivationScale.NeuronActivations, Records.ActivationScale.SimulatedNormalizedActivations)
        from k in Gen.Choose(0, 3)
        from values in AnyDouble.ArrayOf(k).ArrayOf(n)
        from probabilities in AnyDouble.ArrayOf(k).ArrayOf(n)
        from nested in ArbMap.Default.GeneratorFor<bool>()
        select new SequenceSimulation(tokens, ev, scale, values, probabilities,
            nested ? new SequenceSimulation(tokens, ev, Records.ActivationScale.SimulatedNormalizedActivations, values, probabilities) : null);

    /// <summary>Nullable scores are null or finite: a NaN there is written as null and reads back as null.</summary>
    public static Gen<double?> NullableScore =>
        Gen.Frequency((3, Gen.Choose(-10_000, 10_000).Select(i => (double?)(i / 1000.0))), (1, Gen.Constant((double?)null)));

    public static Gen<ScoredSequenceSimulation> ScoredSequenceSimulation =>
        from simulation in SequenceSimulation
        from truth in AnyDouble.ArrayOf(simulation.ExpectedActivations.Count)
        from ev in AnyDouble
        from r2 in NullableScore
        from abs in NullableScore
        select new ScoredSequenceSimulation(simulation, truth, ev, r2, abs);

    public static Gen<NeuronSimulationResults> NeuronSimulationResults =>
        from id in NeuronId
        from explanations in (
            from text in Token
            from sequences in ScoredSequenceSimulation.ArrayOf().Select(a => a.Take(3).ToArray())
            from scores in NullableScore.ArrayOf(3)
            select new ScoredExplanation(text, new ScoredSimulation(sequences, scores[0], scores[1], scores[2]))).ArrayOf().Select(a => a.Take(3).ToArray())
        select new NeuronSimulationResults(id, explanations);

    public static Gen<WeightBasedSummaryOfNeuron> WeightBasedSummary =>
        (from n in Gen.Choose(0, 4)
         from tokens in Token.ArrayOf(n)
         from strengths in AnyDouble.ArrayOf(n)
         select new TokensAndWeights(tokens, strengths)).ArrayOf(4)
        .Select(t => new WeightBasedSummaryOfNeuron(t[0], t[1], t[2], t[3]));

    public static Gen<TokenLookupTableSummaryOfNeuron> TokenLookupTable =>
        from n in Gen.Choose(0, 5)
        from tokens in Token.ArrayOf(n)
        from averages in AnyDouble.ArrayOf(n)
        select new TokenLookupTableSummaryOfNeuron(tokens, averages);

    private static bool HasLoneSurrogate(string s)
    {
        for (var i = 0; i < s.Length; i++)
        {
            if (char.IsHighSurrogate(s[i]) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1]))
                i++;
            else if (char.IsSurrogate(s[i]))
                return true;
        }

        return false;
    }
}
