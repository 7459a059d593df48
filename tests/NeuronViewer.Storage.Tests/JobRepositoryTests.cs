using NeuronViewer.Storage.Jobs;

namespace NeuronViewer.Storage.Tests;

public sealed class JobRepositoryTests : IDisposable
{
    private readonly TempStore temp = new();

    private JobRepository Jobs => temp.Store.Jobs;

    public void Dispose() => temp.Dispose();

    [Fact]
    public void Items_are_listed_once_and_handed_out_in_order_after_a_cursor()
    {
        var id = Jobs.Create(new JobRecord { Kind = "k" });
        var job = Jobs.AddItems(id, Enumerable.Range(0, 150).Select(i => $"0:{i}"));

        Assert.Equal((150, true), (job.Total, job.ItemsListed));
        Assert.Throws<StorageException>(() => Jobs.AddItems(id, ["again"]));
        Assert.Equal(Enumerable.Range(0, 64), Jobs.NextPending(id, -1, 64).Select(i => i.Number));
        Jobs.FinishItem(id, 70, null);
        Assert.Equal([69, 71, 72], Jobs.NextPending(id, 68, 3).Select(i => i.Number));
        Assert.Empty(Jobs.NextPending(id, 149, 10));
    }

    [Fact]
    public void An_item_is_finished_once_and_counted_once()
    {
        var id = Jobs.Create(new JobRecord { Kind = "k" });
        Jobs.AddItems(id, ["a", "b", "c"]);

        Jobs.FinishItem(id, 0, null);
        Jobs.FinishItem(id, 1, "bad response");
        var again = Assert.Throws<StorageException>(() => Jobs.FinishItem(id, 0, null));

        Assert.Contains("already Done", again.Message);
        var job = Jobs.Get(id)!;
        Assert.Equal((1, 1, 1), (job.Done, job.Failed, job.Remaining));
        Assert.Equal("bad response", Jobs.Items(id, JobItemState.Failed).Single().Error);
        Assert.Equal(1, Jobs.ResetFailed(id));
        Assert.Equal((1, 0), (Jobs.Get(id)!.Done, Jobs.Get(id)!.Failed));
        Assert.Equal(["b", "c"], Jobs.Items(id, JobItemState.Pending).Select(i => i.Key));
        Assert.Equal(["b"], Jobs.Items(id, skip: 1, take: 1).Select(i => i.Key));
    }

    [Fact]
    public void The_log_keeps_the_newest_lines_and_jobs_list_newest_first()
    {
        Jobs.LogCapacity = 3;
        var first = Jobs.Create(new JobRecord { Kind = "k" });
        var second = Jobs.Create(new JobRecord { Kind = "k" });
        for (var i = 0; i < 7; i++)
            Jobs.Log(first, "info", $"line {i}");
        Jobs.Log(second, "error", "other job");

        Assert.Equal(["line 4", "line 5", "line 6"], Jobs.LogOf(first).Select(e => e.Message));
        Assert.Equal("error", Assert.Single(Jobs.LogOf(second)).Level);
        Assert.Equal([second, first], Jobs.List().Select(j => j.Id));
        Assert.True(Jobs.Delete(first));
        Assert.Empty(Jobs.LogOf(first));
        Assert.Null(Jobs.Get(first));
    }
}
