using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NeuronViewer.Core.Records;
using NeuronViewer.Core.Slicing;

namespace NeuronViewer.Core.Tests.Slicing;

/// <summary>Spec §4 (test vector §19.2): 20 top records t0…t19 and 15 random records r0…r14.</summary>
public class RecordSplitsTests
{
    private static ActivationRecord Named(string name) => new([name], [0]);

    private static NeuronRecord Neuron(int top, int random) => new(
        new NeuronId(0, 0),
        Enumerable.Range(0, random).Select(i => Named($"r{i}")).ToArray(),
        null, null, double.NaN, double.NaN, double.NaN, double.NaN,
        Enumerable.Range(0, top).Select(i => Named($"t{i}")).ToArray());

    private static string Names(IReadOnlyList<ActivationRecord> records) => string.Join(" ", records.Select(r => r.Tokens[0]));

    [Theory]
    [InlineData(5)]
    [InlineData(null)]
    public void Splits_follow_the_reference_order(int? n)
    {
        var neuron = Neuron(20, 15);
        var slice = new ActivationRecordSliceParams(n);
        Assert.Equal("t0 t4 t8 t12 t16", Names(neuron.TrainActivationRecords(slice)));
        Assert.Equal("t1 t5 t9 t13 t17 r0 r3 r6 r9 r12", Names(neuron.CalibrationActivationRecords(slice)));
        Assert.Equal("t2 t6 t10 t14 t18 r1 r4 r7 r10 r13", Names(neuron.ValidActivationRecords(slice)));
        Assert.Equal("t3 t7 t11 t15 t19 r2 r5 r8 r11 r14", Names(neuron.TestActivationRecords(slice)));
    }

    [Fact]
    public void Evaluation_sets_are_top_and_random_or_random_only()
    {
        var neuron = Neuron(20, 15);
        Assert.Equal("t2 t6 t10 t14 t18 r1 r4 r7 r10 r13", Names(neuron.EvaluationRecords(ActivationRecordSliceParams.Default, EvaluationSet.TopAndRandom)));
        Assert.Equal("r1 r4 r7 r10 r13", Names(neuron.EvaluationRecords(ActivationRecordSliceParams.Default, EvaluationSet.RandomOnly)));
    }

    [Fact]
    public void Null_n_divides_top_and_random_independently()
    {
        // 50 and 50 records, as in the published GPT-2 XL files: 12 top per split, 16 random per split.
        var valid = Neuron(50, 50).ValidActivationRecords(ActivationRecordSliceParams.All);
        Assert.Equal(28, valid.Count);
        Assert.Equal("t2 t6", Names(valid.Take(2).ToArray()));
        Assert.Equal("t46 r1", Names(valid.Skip(11).Take(2).ToArray()));
        Assert.Equal("r46", valid[^1].Tokens[0]);
    }

    [Fact]
    public void Too_few_records_give_a_clear_error()
    {
        var top = Assert.Throws<ArgumentException>(() => Neuron(18, 15).ValidActivationRecords(new ActivationRecordSliceParams(5)));
        Assert.Contains("Not enough top-activating records: 18 available but 5 per split × 4 splits (train/calibration/valid/test) needs 20", top.Message, StringComparison.Ordinal);
        var random = Assert.Throws<ArgumentException>(() => Neuron(20, 10).CalibrationActivationRecords(new ActivationRecordSliceParams(5)));
        Assert.Contains("Not enough random records: 10 available but 5 per split × 3 splits (calibration/valid/test) needs 15", random.Message, StringComparison.Ordinal);
        // The train split uses top records only, so it does not need random ones (as in the reference).
        Assert.Equal(5, Neuron(20, 0).TrainActivationRecords(new ActivationRecordSliceParams(5)).Count);
    }

    [Property(MaxTest = 200)]
    public Property Interleaved_slices_partition_the_indices() =>
        Prop.ForAll(Gen.Choose(1, 6).ToArbitrary(), Gen.Choose(0, 30).ToArbitrary(), (splits, perSplit) =>
        {
            var slices = RecordSplits.InterleavedSlices(splits, perSplit);
            Assert.Equal(splits, slices.Count);
            Assert.All(slices, s => Assert.Equal(perSplit, s.Count));
            Assert.Equal(Enumerable.Range(0, splits * perSplit), slices.SelectMany(s => s).Order());
            for (var s = 0; s < splits; s++)
                Assert.All(slices[s], i => Assert.Equal(s, i % splits));
        });

    [Property(MaxTest = 100)]
    public Property The_four_splits_use_each_record_once() =>
        Prop.ForAll(Gen.Choose(0, 8).ToArbitrary(), Gen.Choose(0, 3).ToArbitrary(), Gen.Choose(0, 3).ToArbitrary(), (n, extraTop, extraRandom) =>
        {
            var neuron = Neuron((4 * n) + extraTop, (3 * n) + extraRandom);
            var slice = new ActivationRecordSliceParams(n);
            var all = new[]
            {
                neuron.TrainActivationRecords(slice), neuron.CalibrationActivationRecords(slice),
                neuron.ValidActivationRecords(slice), neuron.TestActivationRecords(slice),
            }.SelectMany(r => r).Select(r => r.Tokens[0]).ToList();
            Assert.Equal(all.Count, all.Distinct().Count());
            Assert.Equal(7 * n, all.Count);
        });
}
