using LiteDB;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using NeuronViewer.Pipeline;
using NeuronViewer.Pipeline.Jobs;
using NeuronViewer.Storage;
using NeuronViewer.Storage.Jobs;

namespace NeuronViewer.Web.Tests.Faults;

/// <summary>
/// A temporary data folder used by the web app child and, while it is stopped, by the test: jobs queued the way the jobs page
/// queues them (<see cref="JobEngine.Submit"/>), jobs run to the end in this process to prepare data, the database read and checked.
/// </summary>
public sealed class DataFolderTools : IDisposable
{
    public string Folder { get; } = Path.Combine(Path.GetTempPath(), "nv-faults", Guid.NewGuid().ToString("N"));

    /// <summary>The same composition as the web app and CLI (appsettings.json beside the tests, then this folder).</summary>
    private ServiceProvider Services()
    {
        var configuration = new ConfigurationBuilder().AddNeuronViewerSources(basePath: AppContext.BaseDirectory)
            .AddInMemoryCollection(new Dictionary<string, string?> { ["NeuronViewer:DataFolder"] = Folder })
            .Build();
        return new ServiceCollection().AddLogging().AddNeuronViewerCore(configuration).BuildServiceProvider();
    }

    /// <summary>Queues a job as the jobs page does; the web app started next picks it up.</summary>
    public long Queue(string kind, object parameters)
    {
        using var services = Services();
        return services.GetRequiredService<JobEngine>().Submit(kind, parameters, "faults: " + kind);
    }

    /// <summary>Runs a job to the end in this process (to prepare the data a later job needs) and asserts it completed with no failure.</summary>
    public async Task RunAsync(string kind, object parameters)
    {
        await using var services = Services();
        var engine = services.GetRequiredService<JobEngine>();
        await engine.StartAsync(CancellationToken.None);
        try
        {
            var id = engine.Submit(kind, parameters);
            var done = await engine.WaitAsync(id).WaitAsync(TimeSpan.FromMinutes(5));
            Assert.True(done.State == JobState.Completed && done.Failed == 0, $"preparing {kind}: {done.State}, {done.Failed} failed, {done.Error}");
        }
        finally
        {
            await engine.StopAsync(CancellationToken.None);
        }
    }

    /// <summary>Opens the store (the web app is not running) for a look.</summary>
    public T Read<T>(Func<NeuronViewerStore, T> read)
    {
        using var store = NeuronViewerStore.Open(Folder);
        return read(store);
    }

    /// <summary>
    /// Checks the database file as a crash left it: a copy opens (LiteDB replays its log), every document of every collection
    /// reads, ids are unique, the count agrees, and a scan through each index finds every document. (LiteDB 5.0.21's Rebuild
    /// cannot be the check: it fails on healthy files once an indexed collection holds more than 2,550 documents, LiteDB #2827.)
    /// </summary>
    /// <returns>The number of documents in each collection.</returns>
    public Dictionary<string, int> AssertDatabaseConsistent()
    {
        var copy = Path.Combine(Folder, "check-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(copy);
        try
        {
            foreach (var file in Directory.GetFiles(Folder, Path.GetFileNameWithoutExtension(DataFolder.DatabaseFileName) + "*.db"))
                File.Copy(file, Path.Combine(copy, Path.GetFileName(file)));
            using var db = new LiteDatabase(new ConnectionString { Filename = Path.Combine(copy, DataFolder.DatabaseFileName), Connection = ConnectionType.Direct });
            var names = db.GetCollectionNames().ToList();
            Assert.NotEmpty(names);
            var indexes = db.GetCollection("$indexes").FindAll().ToList();
            var counts = new Dictionary<string, int>();
            foreach (var name in names)
            {
                var collection = db.GetCollection(name);
                var ids = collection.FindAll().Select(d => d["_id"]).ToList();
                Assert.Equal(ids.Count, ids.Distinct().Count());
                Assert.Equal(collection.Count(), ids.Count);
                counts[name] = ids.Count;
                foreach (var index in indexes.Where(i => i["collection"].AsString == name && i["name"].AsString != "_id"))
                {
                    using var reader = db.Execute($"SELECT _id FROM {name} ORDER BY {index["expression"].AsString}");
                    var seen = new HashSet<BsonValue>();
                    while (reader.Read())
                        seen.Add(reader.Current["_id"]);
                    Assert.True(ids.Count == seen.Count, $"index {name}.{index["name"].AsString} finds {seen.Count} of {ids.Count} documents");
                }
            }
            return counts;
        }
        finally
        {
            Directory.Delete(copy, recursive: true);
        }
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
