using NeuronViewer.Core.Records;

namespace NeuronViewer.Storage.Tests;

public sealed class NeuronRecordTests : IDisposable
{
    private readonly TempStore temp = new();

    private NeuronViewerStore Store => temp.Store;

    public void Dispose() => temp.Dispose();

    [Fact]
    public void The_real_GPT2_XL_record_round_trips_exactly_after_a_restart()
    {
        var original = RealRecordFile.Read();
        var run = Store.Runs.Create(Samples.Run("gpt2-xl"));
        Store.Records.Save(run, original);

        var loaded = temp.Reopen().Records.Get(original.NeuronId);

        Assert.NotNull(loaded);
        Assert.Equal(run, loaded.RunId);
        RecordAssert.Same(original, loaded.Record);
        Assert.True(double.IsNaN(loaded.Record.QuantileBoundaries![0]) && double.IsNaN(loaded.Record.QuantileBoundaries[^1]));
        Assert.Equal(5, loaded.Record.RandomSampleByQuantile!.Count);
    }

    [Fact]
    public void Synthetic_records_with_odd_tokens_and_NaN_moments_round_trip_exactly()
    {
        var run = Store.Runs.Create(Samples.Run());
        var records = Enumerable.Range(0, 5).Select(i => Samples.Record(new NeuronId(i % 2, i), seed: i)).ToList();
        Store.Records.SaveMany(run, records);

        foreach (var record in records)
            RecordAssert.Same(record, Store.Records.Get(record.NeuronId)!.Record);
        Assert.Null(Store.Records.Get(new NeuronId(9, 9)));
    }

    [Fact]
    public void Excerpts_shared_by_neurons_are_stored_once_per_run()
    {
        var pool = Samples.Pool(10, 5);
        var run = Store.Runs.Create(Samples.Run());
        var records = Enumerable.Range(0, 20).Select(i => Samples.Record(new NeuronId(0, i), i, pool)).ToList();
        Store.Records.SaveMany(run, records.Take(10));
        Store.Records.SaveMany(run, records.Skip(10));

        var distinct = records
            .SelectMany(r => r.MostPositiveActivationRecords.Concat(r.RandomSample).Concat(r.RandomSampleByQuantile!.SelectMany(q => q)))
            .Select(e => string.Join("\u0001", e.Tokens)).Distinct().Count();
        Assert.Equal(distinct, Store.Records.ExcerptCount(run));
        Assert.True(distinct <= pool.Length);
        foreach (var record in records)
            RecordAssert.Same(record, temp.Reopen().Records.Get(record.NeuronId)!.Record);
    }

    [Fact]
    public void Saving_again_replaces_the_record_and_updates_the_browser_row()
    {
        var run = Store.Runs.Create(Samples.Run());
        var id = new NeuronId(1, 3);
        Store.Records.Save(run, Samples.Record(id, 1));
        var second = Samples.Record(id, 2);
        Store.Records.Save(run, second);

        Assert.Equal(1, Store.Records.Count());
        RecordAssert.Same(second, Store.Records.Get(id)!.Record);
        Assert.Equal(second.MaxActivation, Store.Summaries.Get(id)!.MaxActivation);
        Store.Records.Save(run, Samples.Record(new NeuronId(1, 0), 3));
        Store.Records.Save(run, Samples.Record(new NeuronId(0, 9), 3));
        Assert.Equal([new NeuronId(1, 0), id], Store.Records.List(layer: 1));
        Assert.Equal([new NeuronId(0, 9), new NeuronId(1, 0), id], Store.Records.List());
        Assert.Empty(Store.Records.List(layer: 2));
    }

    [Fact]
    public void A_transaction_that_fails_leaves_nothing_and_later_writes_of_the_same_excerpts_work()
    {
        var run = Store.Runs.Create(Samples.Run());
        var record = Samples.Record(new NeuronId(0, 1), 4);

        Assert.Throws<InvalidOperationException>(() => Store.Atomic(() =>
        {
            Store.Records.Save(run, record);
            throw new InvalidOperationException("interrupted");
        }));

        Assert.Null(Store.Records.Get(record.NeuronId));
        Assert.Null(Store.Summaries.Get(record.NeuronId));
        Assert.Equal(0, Store.Records.ExcerptCount(run));
        Store.Records.Save(run, record);
        RecordAssert.Same(record, temp.Reopen().Records.Get(record.NeuronId)!.Record);
    }

    [Fact]
    public void Records_need_an_existing_run_and_valid_neuron_ids()
    {
        var missingRun = Assert.Throws<StorageException>(() => Store.Records.Save(42, Samples.Record(new NeuronId(0, 0), 1)));
        Assert.Contains("run 42 does not exist", missingRun.Message);
        var run = Store.Runs.Create(Samples.Run());
        var bad = Assert.Throws<StorageException>(() => Store.Records.Save(run, Samples.Record(new NeuronId(-1, 0), 1)));
        Assert.Contains("-1:0", bad.Message);
        Assert.Equal(0, Store.Records.Count());
    }

    [Fact]
    public void Deleting_a_run_removes_its_records_and_excerpts_but_keeps_explained_neurons_in_the_browser()
    {
        var run = Store.Runs.Create(Samples.Run());
        Store.Records.SaveMany(run, [Samples.Record(new NeuronId(0, 0), 1), Samples.Record(new NeuronId(0, 1), 2)]);
        Store.Explanations.Add(new Explanations.StoredExplanation { Neuron = new NeuronId(0, 1), Text = "cats" });

        Assert.Equal(2, Store.Records.DeleteRun(run));

        Assert.Equal(0, Store.Records.Count());
        Assert.Equal(0, Store.Records.ExcerptCount(run));
        Assert.Null(Store.Runs.Get(run));
        Assert.Null(Store.Summaries.Get(new NeuronId(0, 0)));
        var kept = Store.Summaries.Get(new NeuronId(0, 1))!;
        Assert.False(kept.HasRecord);
        Assert.Null(kept.MaxActivation);
    }

    [Fact]
    public void Related_tokens_round_trip_and_parts_can_be_added_separately()
    {
        var id = new NeuronId(2, 5);
        var table = new TokenLookupTableSummaryOfNeuron([" cat", " dog"], [2.5, double.NaN]);
        var weights = new WeightBasedSummaryOfNeuron(
            new([" a"], [0.1]), new([" b"], [-0.2]), new([" c", " d"], [0.3, 0.25]), new([], []));
        Store.Records.SaveRelatedTokens(id, table, null);
        Store.Records.SaveRelatedTokens(id, null, weights);

        var loaded = temp.Reopen().Records.GetRelatedTokens(id)!;
        Assert.Equal(table.Tokens, loaded.LookupTable!.Tokens);
        RecordAssert.SameValues(table.AverageActivations, loaded.LookupTable.AverageActivations);
        Assert.Equal(weights.OutputPositive.Tokens, loaded.WeightBased!.OutputPositive.Tokens);
        RecordAssert.SameValues(weights.InputNegative.Strengths, loaded.WeightBased.InputNegative.Strengths);
        Assert.Empty(loaded.WeightBased.OutputNegative.Tokens);
        Assert.Null(Store.Records.GetRelatedTokens(new NeuronId(2, 6)));
    }
}
