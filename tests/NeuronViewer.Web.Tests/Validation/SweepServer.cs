using System.Net.Http.Headers;
using System.Text;
using NeuronViewer.Core.Json;
using NeuronViewer.Core.Records;
using NeuronViewer.Storage;
using NeuronViewer.Web.Api;
using NeuronViewer.Web.Security;
using NeuronViewer.Web.Tests.Load;

namespace NeuronViewer.Web.Tests.Validation;

/// <summary>
/// One real server on 127.0.0.1 (accounts, a real LiteDB file, imports limited to 3 files of 20 000 bytes, 50 000 in all) with a researcher signed in
/// through /login who is also the annotator of an open two-task study; plus valid OpenAI files to spoil.
/// </summary>
public sealed class SweepServer : IAsyncLifetime
{
    public const int MaxFileBytes = 20_000;
    public const int MaxTotalBytes = 50_000;
    public const int MaxFiles = 3;
    private const string Password = "a long enough password";

    public LiveServer Server { get; } = new(
        ("NeuronViewer:Import:MaxFileBytes", $"{MaxFileBytes}"), ("NeuronViewer:Import:MaxTotalBytes", $"{MaxTotalBytes}"), ("NeuronViewer:Import:MaxFiles", $"{MaxFiles}"));

    public HttpClient Http { get; private set; } = null!;

    public long StudyId { get; private set; }

    public NeuronViewerStore Store => Server.Store;

    /// <summary>A valid NeuronRecord of neuron 3:5 whose one random activation is 7.125 (to replace with NaN or Infinity).</summary>
    public static string RecordJson { get; } = OpenAiJson.Serialize(new NeuronRecord(
        new NeuronId(3, 5), [new ActivationRecord([" a", " b"], [0.5, 7.125])], null, null, 0.5, 1, 0, 0,
        [new ActivationRecord([" c", " d", " e"], [9, 1, 0])]));

    /// <summary>A valid explanation line of neuron 3:5 with one scored sequence of two tokens.</summary>
    public static string ExplanationsJson { get; } = JsonLines.Write([new NeuronSimulationResults(new NeuronId(3, 5),
    [
        new ScoredExplanation("the word cat", new ScoredSimulation(
            [new ScoredSequenceSimulation(new SequenceSimulation([" a", " b"], [1, 2], ActivationScale.NeuronActivations, [[1], [2]], [[1], [1]]), [0.5, 1.5], 0.9)],
            0.9, 0.5, 0.4)),
    ])]);

    public async Task InitializeAsync()
    {
        Server.Start();
        var researcher = Server.AddUsers("rita", 1, Roles.Researcher, Password);
        StudyId = LoadStudy.Create(Store, researcher, 2);
        Http = (await AnnotatorClient.LoginAsync(Server.BaseUrl, researcher[0].Name, Password)).Http;
    }

    public Task DisposeAsync()
    {
        Http.Dispose();
        Server.Dispose();
        return Task.CompletedTask;
    }

    /// <summary>What the database holds: neurons, records, explanations, scores, ratings, runs.</summary>
    public (int, int, int, int, int, int) Counts() => (
        Store.Summaries.Count, Store.Records.Count(), Store.Explanations.Count(), Store.Scores.Count(), Store.Ratings.Count(), Store.Runs.List().Count);

    /// <summary>Multipart form content with the files (name, text).</summary>
    public static MultipartFormDataContent Files(params (string Name, string Text)[] files)
    {
        var form = new MultipartFormDataContent();
        foreach (var (name, text) in files)
        {
            var part = new ByteArrayContent(Encoding.UTF8.GetBytes(text));
            part.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            form.Add(part, "files", name);
        }
        return form;
    }

    /// <summary>Sends a request, with the API's client header unless <paramref name="clientHeader"/> is false.</summary>
    public Task<HttpResponseMessage> Send(HttpMethod method, string path, HttpContent? body, bool clientHeader = true)
    {
        var request = new HttpRequestMessage(method, path.Replace("{study}", StudyId.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)) { Content = body };
        if (clientHeader)
            request.Headers.Add(ApiRequests.ClientHeader, "sweep");
        // As curl does for large bodies: the body waits for "100 Continue", so a request the server refuses from its headers
        // (a Content-Length over the limit) gets its answer instead of a broken pipe while the body is still being sent.
        if (body is not null)
            request.Headers.ExpectContinue = true;
        return Http.SendAsync(request);
    }
}
