using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using NeuronViewer.Web.Api;

namespace NeuronViewer.Web.Tests.Load;

/// <summary>One annotator's HTTP client: logs in through the real /login form (antiforgery token, cookies), then reads and submits ratings on /api/rate.</summary>
public sealed partial class AnnotatorClient : IDisposable
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };

    private AnnotatorClient(HttpClient http) => Http = http;

    public HttpClient Http { get; }

    /// <summary>A cookie-keeping client for the server (redirects not followed).</summary>
    public static HttpClient NewHttp(string baseUrl) => new(new SocketsHttpHandler { UseCookies = true, CookieContainer = new CookieContainer(), AllowAutoRedirect = false })
    {
        BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromMinutes(2),
    };

    /// <summary>Opens /login, posts the form with its antiforgery token and checks that the login cookie came back.</summary>
    public static async Task<AnnotatorClient> LoginAsync(string baseUrl, string userName, string password)
    {
        var http = NewHttp(baseUrl);
        var html = await http.GetStringAsync("/login");
        var token = TokenPattern().Match(html) is { Success: true } m ? WebUtility.HtmlDecode(m.Groups[1].Value) : throw new InvalidOperationException("No antiforgery token on /login.");
        using var response = await http.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["userName"] = userName, ["password"] = password, ["returnUrl"] = "", ["__RequestVerificationToken"] = token,
        }));
        var location = response.Headers.Location?.OriginalString ?? "";
        if (response.StatusCode != HttpStatusCode.Redirect || location.Contains("error=", StringComparison.Ordinal))
            throw new InvalidOperationException($"Login of {userName} failed: {(int)response.StatusCode} → {location}");
        return new AnnotatorClient(http);
    }

    public async Task<List<RateQueueRow>> QueueAsync() =>
        await Http.GetFromJsonAsync<List<RateQueueRow>>("/api/rate", Json) ?? throw new InvalidOperationException("Empty queue answer.");

    public async Task<RateTaskResponse> TaskAsync(string url) =>
        await Http.GetFromJsonAsync<RateTaskResponse>(url, Json) ?? throw new InvalidOperationException("Empty task answer.");

    /// <summary>Posts a rating (JSON, with the client header); the caller reads the status and body.</summary>
    public Task<HttpResponseMessage> SubmitAsync(string url, RateRequest rating)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = JsonContent.Create(rating, options: Json) };
        request.Headers.Add(ApiRequests.ClientHeader, "load");
        return Http.SendAsync(request);
    }

    /// <summary>A complete, consistent rating: ratings by letter (5 4 3 2 1, or 1 2 3 4 5 when <paramref name="ascending"/>), ranking by them.</summary>
    public static RateRequest Rating(int candidates, bool ascending, string? comment = null)
    {
        var ratings = Enumerable.Range(0, candidates).Select(i => (int?)(ascending ? 1 + (i % 5) : 5 - (i % 5))).ToList();
        var ranking = Enumerable.Range(0, candidates).OrderByDescending(i => ratings[i]).ThenBy(i => i).Select(i => ((char)('A' + i)).ToString()).ToList();
        return new RateRequest(ratings, ranking, comment);
    }

    public void Dispose() => Http.Dispose();

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
