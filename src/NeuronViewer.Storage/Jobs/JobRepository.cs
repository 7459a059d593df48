using LiteDB;

namespace NeuronViewer.Storage.Jobs;

/// <summary>Jobs, their items and their bounded logs in LiteDB; item and counter changes happen in one transaction.</summary>
public sealed class JobRepository
{
    internal const string CollectionName = "jobs";
    internal const string ItemsName = "job_items";
    internal const string LogName = "job_log";
    private readonly LiteStore store;
    private readonly ILiteCollection<JobRecord> jobs;
    private readonly ILiteCollection<JobItemRecord> items;
    private readonly ILiteCollection<JobLogEntry> log;

    internal JobRepository(LiteStore store)
    {
        this.store = store;
        jobs = store.Collection<JobRecord>(CollectionName);
        jobs.EnsureIndex(j => j.State);
        items = store.Collection<JobItemRecord>(ItemsName);
        log = store.Collection<JobLogEntry>(LogName);
        log.EnsureIndex(e => e.JobId);
    }

    /// <summary>Entries kept per job; older ones are dropped.</summary>
    public int LogCapacity { get; set; } = 200;

    public long Create(JobRecord job)
    {
        ArgumentNullException.ThrowIfNull(job);
        job.Id = 0;
        return store.Atomic(() => jobs.Insert(job).AsInt64);
    }

    public JobRecord? Get(long id) => jobs.FindById(id);

    /// <summary>The newest jobs first.</summary>
    public IReadOnlyList<JobRecord> List(int max = 100) => jobs.Query().OrderByDescending(j => j.Id).Limit(max).ToList();

    public IReadOnlyList<JobRecord> WithState(JobState state) => jobs.Find(j => j.State == state).OrderBy(j => j.Id).ToList();

    /// <summary>Reads, changes and writes a job in one transaction (counters written meanwhile are not lost); null when it does not exist.</summary>
    public JobRecord? Change(long id, Action<JobRecord> change) => store.Atomic(() =>
    {
        var job = jobs.FindById(id);
        if (job is null)
            return null;
        change(job);
        jobs.Update(job);
        return job;
    });

    /// <summary>Stores the job's items once, with the total, in one transaction.</summary>
    public JobRecord AddItems(long jobId, IEnumerable<string> keys) => store.Atomic(() =>
    {
        var job = jobs.FindById(jobId) ?? throw new StorageException($"Job {jobId} does not exist.");
        if (job.ItemsListed)
            throw new StorageException($"The items of job {jobId} are already listed.");
        var number = 0;
        items.InsertBulk(keys.Select(key => new JobItemRecord
        {
            Id = ItemId(jobId, number), JobId = jobId, Number = number++,
            Key = key ?? throw new StorageException($"Job {jobId} listed a null item."),
        }));
        job.Total = number;
        job.ItemsListed = true;
        jobs.Update(job);
        return job;
    });

    /// <summary>Up to <paramref name="max"/> pending items numbered after <paramref name="afterNumber"/>, in order.</summary>
    public IReadOnlyList<JobItemRecord> NextPending(long jobId, int afterNumber, int max)
    {
        var from = ItemId(jobId, afterNumber + 1);
        var to = Range(jobId).To;
        return items.Query()
            .Where(i => i.Id >= from && i.Id <= to && i.State == JobItemState.Pending)
            .OrderBy(i => i.Id)
            .Limit(max)
            .ToList();
    }

    /// <summary>Marks an item done or failed and counts it on the job; joins the caller's transaction (the handler's writes commit with it).</summary>
    public JobRecord FinishItem(long jobId, int number, string? error) => store.Atomic(() =>
    {
        var item = items.FindById(ItemId(jobId, number)) ?? throw new StorageException($"Item {number} of job {jobId} does not exist.");
        var job = jobs.FindById(jobId) ?? throw new StorageException($"Job {jobId} does not exist.");
        if (item.State != JobItemState.Pending)
            throw new StorageException($"Item {number} of job {jobId} is already {item.State}.");
        item.State = error is null ? JobItemState.Done : JobItemState.Failed;
        item.Error = error;
        item.Attempts++;
        item.FinishedAt = DateTime.UtcNow;
        items.Update(item);
        if (error is null)
            job.Done++;
        else
            job.Failed++;
        jobs.Update(job);
        return job;
    });

    /// <summary>Puts failed items back to pending (the job's failed count goes down); returns how many.</summary>
    public int ResetFailed(long jobId) => store.Atomic(() =>
    {
        var job = jobs.FindById(jobId) ?? throw new StorageException($"Job {jobId} does not exist.");
        var (from, to) = Range(jobId);
        var failed = items.Find(i => i.Id >= from && i.Id <= to && i.State == JobItemState.Failed).ToList();
        foreach (var item in failed)
        {
            item.State = JobItemState.Pending;
            items.Update(item);
        }
        job.Failed -= failed.Count;
        jobs.Update(job);
        return failed.Count;
    });

    /// <summary>A page of a job's items, optionally of one state, in order.</summary>
    public IReadOnlyList<JobItemRecord> Items(long jobId, JobItemState? state = null, int skip = 0, int take = 100)
    {
        var (from, to) = Range(jobId);
        var query = items.Query().Where(i => i.Id >= from && i.Id <= to);
        if (state is { } s)
            query = query.Where(i => i.State == s);
        return query.OrderBy(i => i.Id).Skip(skip).Limit(take).ToList();
    }

    /// <summary>Appends a log line, dropping the oldest beyond <see cref="LogCapacity"/>.</summary>
    public void Log(long jobId, string level, string message) => store.Atomic(() =>
    {
        log.Insert(new JobLogEntry { JobId = jobId, Level = level, Message = message });
        var count = log.Count(e => e.JobId == jobId);
        if (count > LogCapacity)
        {
            foreach (var old in log.Find(e => e.JobId == jobId).OrderBy(e => e.Id).Take(count - LogCapacity).ToList())
                log.Delete(old.Id);
        }
    });

    /// <summary>A job's log, oldest first.</summary>
    public IReadOnlyList<JobLogEntry> LogOf(long jobId) => log.Find(e => e.JobId == jobId).OrderBy(e => e.Id).ToList();

    /// <summary>Deletes a finished job with its items and log.</summary>
    public bool Delete(long jobId) => store.Atomic(() =>
    {
        var (from, to) = Range(jobId);
        items.DeleteMany(i => i.Id >= from && i.Id <= to);
        log.DeleteMany(e => e.JobId == jobId);
        return jobs.Delete(jobId);
    });

    private static long ItemId(long jobId, int number) => (jobId << 32) | (uint)number;

    private static (long From, long To) Range(long jobId) => (ItemId(jobId, 0), ItemId(jobId, int.MaxValue));
}
