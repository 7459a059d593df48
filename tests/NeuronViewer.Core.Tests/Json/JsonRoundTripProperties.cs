using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NeuronViewer.Core.Json;
using NeuronViewer.Core.Records;
using NeuronViewer.Core.Tests.TestSupport;

namespace NeuronViewer.Core.Tests.Json;

/// <summary>Random records survive a write and a read (NaN and ±Infinity become null, then NaN).</summary>
public class JsonRoundTripProperties
{
    /// <summary>What a value becomes after a write and a read: NaN and ±Infinity are written as null and read back as NaN.</summary>
    private static double Written(double v) => double.IsFinite(v) ? v : double.NaN;

    private static IReadOnlyList<double> Written(IReadOnlyList<double> values) => values.Select(Written).ToArray();

    private static ActivationRecord Written(ActivationRecord r) => new(r.Tokens, Written(r.Activations));

    private static SequenceSimulation Written(SequenceSimulation s) => s with
    {
        ExpectedActivations = Written(s.ExpectedActivations),
        DistributionValues = s.DistributionValues.Select(Written).ToArray(),
        DistributionProbabilities = s.DistributionProbabilities.Select(Written).ToArray(),
        UncalibratedSimulation = s.UncalibratedSimulation is null ? null : Written(s.UncalibratedSimulation),
    };

    private static Property RoundTrips<T>(Gen<T> gen, Func<T, T> expectedAfterRoundTrip)
        where T : notnull =>
        Prop.ForAll(gen.ToArbitrary(), record =>
        {
            var json = OpenAiJson.Serialize(record);
            var back = OpenAiJson.Deserialize<T>(json);
            var difference = DeepEquality.Difference(expectedAfterRoundTrip(record), back, "$");
            Assert.True(difference is null, $"{difference}\n{json}");
            Assert.Equal(json, OpenAiJson.Serialize(back));
            Assert.Same(back.GetType(), OpenAiJson.DeserializeAny(OpenAiJson.SerializeToUtf8Bytes(record)).GetType());
        });

    [Property(MaxTest = 200)]
    public Property NeuronRecord_round_trips_including_NaN_moments() =>
        RoundTrips(RecordGenerators.NeuronRecord, r => r with
        {
            RandomSample = r.RandomSample.Select(Written).ToArray(),
            RandomSampleByQuantile = r.RandomSampleByQuantile?.Select(b => (IReadOnlyList<ActivationRecord>)b.Select(Written).ToArray()).ToArray(),
            QuantileBoundaries = r.QuantileBoundaries is null ? null : Written(r.QuantileBoundaries),
            Mean = Written(r.Mean),
            Variance = Written(r.Variance),
            Skewness = Written(r.Skewness),
            Kurtosis = Written(r.Kurtosis),
            MostPositiveActivationRecords = r.MostPositiveActivationRecords.Select(Written).ToArray(),
        });

    [Property(MaxTest = 200)]
    public Property NeuronSimulationResults_round_trip() =>
        RoundTrips(RecordGenerators.NeuronSimulationResults, r => r with
        {
            ScoredExplanations = r.ScoredExplanations.Select(e => e with
            {
                ScoredSimulation = e.ScoredSimulation with
                {
                    ScoredSequenceSimulations = e.ScoredSimulation.ScoredSequenceSimulations.Select(s => s with
                    {
                        Simulation = Written(s.Simulation),
                        TrueActivations = Written(s.TrueActivations),
                        EvCorrelationScore = Written(s.EvCorrelationScore),
                    }).ToArray(),
                },
            }).ToArray(),
        });

    [Property(MaxTest = 100)]
    public Property WeightBasedSummary_round_trips() =>
        RoundTrips(RecordGenerators.WeightBasedSummary, r => new WeightBasedSummaryOfNeuron(
            r.InputPositive with { Strengths = Written(r.InputPositive.Strengths) },
            r.InputNegative with { Strengths = Written(r.InputNegative.Strengths) },
            r.OutputPositive with { Strengths = Written(r.OutputPositive.Strengths) },
            r.OutputNegative with { Strengths = Written(r.OutputNegative.Strengths) }));

    [Property(MaxTest = 100)]
    public Property TokenLookupTable_round_trips() =>
        RoundTrips(RecordGenerators.TokenLookupTable, r => r with { AverageActivations = Written(r.AverageActivations) });

    [Property(MaxTest = 300)]
    public Property Finite_floats_round_trip_exactly() =>
        Prop.ForAll(ArbMap.Default.ArbFor<double>().Filter(double.IsFinite), value =>
        {
            var json = OpenAiJson.Serialize(new TokensAndWeights(["x"], [value]));
            var back = OpenAiJson.Deserialize<TokensAndWeights>(json).Strengths[0];
            Assert.Equal(BitConverter.DoubleToInt64Bits(value), BitConverter.DoubleToInt64Bits(back));
        });
}
