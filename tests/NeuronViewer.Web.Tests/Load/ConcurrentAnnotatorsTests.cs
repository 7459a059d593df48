using System.Net;
using System.Net.Http.Json;
using NeuronViewer.Storage;
using NeuronViewer.Storage.Rating;
using NeuronViewer.Web.Api;
using NeuronViewer.Web.Security;

namespace NeuronViewer.Web.Tests.Load;

/// <summary>
/// Issue 7 item 5: 50 annotators, each logged in through /login with cookies, submit 20 ratings each at the same time against one
/// server on 127.0.0.1 (10 tasks each, every task rated twice: a submission then a revision). Nothing may be lost or duplicated.
/// </summary>
public sealed class ConcurrentAnnotatorsTests
{
    private const int Annotators = 50;
    private const int Tasks = 10;
    private const int Passes = 2;
    private const string Password = "a long enough password";

    [Fact]
    public async Task Fifty_annotators_submitting_twenty_ratings_each_lose_and_duplicate_nothing()
    {
        string folder;
        long studyId;
        var failures = new List<string>();
        using (var server = new LiveServer { KeepDataFolder = true })
        {
            server.Start();
            folder = server.DataFolder;
            var annotators = server.AddUsers("annotator", Annotators, Roles.Annotator, Password);
            studyId = LoadStudy.Create(server.Store, annotators, Tasks);
            var clients = await Task.WhenAll(annotators.Select(a => AnnotatorClient.LoginAsync(server.BaseUrl, a.Name, Password)));
            try
            {
                var start = new TaskCompletionSource();
                var work = clients.Select(async (client, n) =>
                {
                    await start.Task;
                    var queue = await client.QueueAsync();
                    for (var pass = 0; pass < Passes; pass++)
                    {
                        foreach (var row in queue)
                        {
                            var task = await client.TaskAsync(row.Url);
                            using var response = await client.SubmitAsync(row.Url, AnnotatorClient.Rating(task.Candidates.Count, ascending: pass == 1, comment: $"{n}/{pass}"));
                            if (response.StatusCode != HttpStatusCode.OK)
                            {
                                var body = await response.Content.ReadAsStringAsync();
                                lock (failures)
                                    failures.Add($"{(int)response.StatusCode} {body}");
                            }
                            else if ((await response.Content.ReadFromJsonAsync<RateSubmitted>(AnnotatorClient.Json))!.Revision != pass + 1)
                            {
                                lock (failures)
                                    failures.Add($"annotator {n}, {row.Url}: revision is not {pass + 1}");
                            }
                        }
                    }
                    return queue.Count;
                }).ToList();
                start.SetResult();
                var queued = await Task.WhenAll(work).WaitAsync(TimeSpan.FromMinutes(5));
                Assert.All(queued, q => Assert.Equal(Tasks, q));
            }
            finally
            {
                foreach (var client in clients)
                    client.Dispose();
            }
        }
        Assert.Empty(failures);

        // The server is stopped: count what the LiteDB file holds (once its last handle on the file is closed).
        var store = await OpenWhenReleasedAsync(folder);
        try
        {
            var all = store.Ratings.AllForStudy(studyId);
            Assert.Equal(Annotators * Tasks * Passes, all.Count);
            Assert.Equal(all.Count, all.Select(r => r.Id).Distinct().Count());
            var perTask = all.GroupBy(r => (r.TaskId, r.AnnotatorId)).ToList();
            Assert.Equal(Annotators * Tasks, perTask.Count);
            Assert.All(perTask, g =>
            {
                Assert.Equal([1, 2], g.Select(r => r.Revision).Order());
                var current = Assert.Single(g, r => r.IsCurrent);
                Assert.Equal(2, current.Revision);
                // The revision holds the second pass's ratings (1 2 3 4 5 by letter), stored by task position.
                Assert.Equal([1, 2, 3, 4, 5], current.PresentationOrder.Select(p => current.Ratings[p]));
                Assert.Equal("1", current.Comment?.Split('/')[1]);
            });
            Assert.Equal(Annotators * Tasks, store.Ratings.CurrentForStudy(studyId).Count);
            Assert.All(store.Ratings.Progress(studyId), p => Assert.Equal((Tasks, Tasks), (p.Assigned, p.Submitted)));
        }
        finally
        {
            store.Dispose();
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>Opens the store; while the stopped server's handle on the lock file is still being released, tries again for up to a minute.</summary>
    private static async Task<NeuronViewerStore> OpenWhenReleasedAsync(string folder)
    {
        var deadline = DateTime.UtcNow.AddMinutes(1);
        while (true)
        {
            try
            {
                return NeuronViewerStore.Open(folder);
            }
            catch (StorageException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(200);
            }
        }
    }
}
