using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using NeuronViewer.Web.Tests.Load;

namespace NeuronViewer.Web.Tests.Validation;

/// <summary>
/// Issue 7 item 2 over HTTP on a real server: every API parameter, rating body and import path given bad input answers 400 (404 for
/// a neuron or task that does not exist) with problem details whose <c>detail</c> names the problem, and the database is unchanged.
/// </summary>
public sealed class ValidationSweepTests(SweepServer sweep) : IClassFixture<SweepServer>
{
    private const string Rate = "/api/rate/{study}/1/100";
    private const string GoodRating = """{"ratings":[5,4,3,2,1],"ranking":["A","B","C","D","E"]}""";

    /// <summary>A bad request: method, path, body, whether the client header is sent, expected status and words of <c>detail</c>.</summary>
    private sealed record Case(HttpMethod Method, string Path, Func<HttpContent?> Body, int Status, string Detail, bool ClientHeader = true);

    private static StringContent Json(string text) => new(text, Encoding.UTF8, "application/json");

    private static Func<HttpContent?> Record(string find, string replace, string name = "5.json") => () =>
    {
        Assert.Contains(find, SweepServer.RecordJson, StringComparison.Ordinal);
        return SweepServer.Files((name, SweepServer.RecordJson.Replace(find, replace, StringComparison.Ordinal)));
    };

    private static readonly Dictionary<string, Case> Cases = new()
    {
        ["list: page 0"] = new(HttpMethod.Get, "/api/neurons?page=0", () => null, 400, "page must be a whole number 1 or more, not '0'"),
        ["list: page not a number"] = new(HttpMethod.Get, "/api/neurons?page=two", () => null, 400, "page must be a whole number 1 or more, not 'two'"),
        ["list: page_size too large"] = new(HttpMethod.Get, "/api/neurons?page_size=5000", () => null, 400, "page_size must be a whole number between 1 and"),
        ["list: negative layer"] = new(HttpMethod.Get, "/api/neurons?layer=-1", () => null, 400, "layer must be a whole number 0 or more, not '-1'"),
        ["list: min_score NaN"] = new(HttpMethod.Get, "/api/neurons?min_score=NaN", () => null, 400, "min_score must be a number such as 0.25, not 'NaN'"),
        ["list: min_score Infinity"] = new(HttpMethod.Get, "/api/neurons?min_score=-Infinity", () => null, 400, "min_score must be a number such as 0.25, not '-Infinity'"),
        ["list: q too long"] = new(HttpMethod.Get, "/api/neurons?q=" + new string('x', 1000), () => null, 400, "q is 1000 characters long; the limit is"),
        ["list: unknown score"] = new(HttpMethod.Get, "/api/neurons?score=best", () => null, 400, "score must be one of top_and_random, random_only, ablation, not 'best'"),
        ["neuron: negative layer"] = new(HttpMethod.Get, "/api/neurons/-1/0", () => null, 400, "layer must be a whole number 0 or more, not '-1'"),
        ["neuron: index not a number"] = new(HttpMethod.Get, "/api/neurons/1/abc", () => null, 400, "index must be a whole number 0 or more, not 'abc'"),
        ["neuron: index out of range"] = new(HttpMethod.Get, "/api/neurons/1/99999999999", () => null, 400, "index must be a whole number 0 or more"),
        ["neuron: unknown"] = new(HttpMethod.Get, "/api/neurons/1/999", () => null, 404, "Neuron 1:999 has no stored record or explanation."),
        ["rate: malformed JSON"] = new(HttpMethod.Post, Rate, () => Json("""{"ratings":[5,4"""), 400, "The body is not valid JSON for this request"),
        ["rate: unknown key"] = new(HttpMethod.Post, Rate, () => Json("""{"ratings":[5,4,3,2,1],"ranking":["A","B","C","D","E"],"score":1}"""), 400, "'score' could not be mapped"),
        ["rate: NaN rating"] = new(HttpMethod.Post, Rate, () => Json("""{"ratings":[NaN,4,3,2,1],"ranking":["A","B","C","D","E"]}"""), 400, "The body is not valid JSON for this request"),
        ["rate: fractional rating"] = new(HttpMethod.Post, Rate, () => Json("""{"ratings":[3.5,4,3,2,1],"ranking":["A","B","C","D","E"]}"""), 400, "at $.ratings[0]"),
        ["rate: too few ratings"] = new(HttpMethod.Post, Rate, () => Json("""{"ratings":[5,4,3],"ranking":["A","B","C","D","E"]}"""), 400, "ratings has 3 entries; expected 5"),
        ["rate: rating outside the scale"] = new(HttpMethod.Post, Rate, () => Json("""{"ratings":[9,4,3,2,1],"ranking":["A","B","C","D","E"]}"""), 400, "The rating 9 of A is outside the scale 1–5."),
        ["rate: negative rating"] = new(HttpMethod.Post, Rate, () => Json("""{"ratings":[5,4,3,2,-1],"ranking":["A","B","C","D","E"]}"""), 400, "The rating -1 of E is outside the scale 1–5."),
        ["rate: missing rating"] = new(HttpMethod.Post, Rate, () => Json("""{"ratings":[5,null,3,2,1],"ranking":["A","B","C","D","E"]}"""), 400, "B has no rating yet"),
        ["rate: unknown letter"] = new(HttpMethod.Post, Rate, () => Json("""{"ratings":[5,4,3,2,1],"ranking":["A","B","C","D","Z"]}"""), 400, "ranking: 'Z' is not one of the letters A–E."),
        ["rate: repeated letter"] = new(HttpMethod.Post, Rate, () => Json("""{"ratings":[5,4,3,2,1],"ranking":["A","A","B","C","D"]}"""), 400, "The ranking lists A more than once."),
        ["rate: ranking against the ratings"] = new(HttpMethod.Post, Rate, () => Json("""{"ratings":[5,4,3,2,1],"ranking":["E","D","C","B","A"]}"""), 400, "The ranking puts E above D"),
        ["rate: no ranking"] = new(HttpMethod.Post, Rate, () => Json("""{"ratings":[5,4,3,2,1]}"""), 400, "ranking is required"),
        ["rate: null body"] = new(HttpMethod.Post, Rate, () => Json("null"), 400, "The body must be a JSON object"),
        ["rate: not JSON"] = new(HttpMethod.Post, Rate, () => new StringContent(GoodRating, Encoding.UTF8, "text/plain"), 400, "The body must be JSON"),
        ["rate: oversized body"] = new(HttpMethod.Post, Rate, () => Json($$"""{"ratings":[5,4,3,2,1],"ranking":["A","B","C","D","E"],"comment":"{{new string('x', 70_000)}}"}"""), 400, "the limit is 65,536"),
        ["rate: no client header"] = new(HttpMethod.Post, Rate, () => Json(GoodRating), 400, "must carry the header X-NeuronViewer-Client", ClientHeader: false),
        ["rate: negative layer"] = new(HttpMethod.Post, "/api/rate/{study}/-1/100", () => Json(GoodRating), 400, "layer must be a whole number 0 or more, not '-1'"),
        ["rate: study 0"] = new(HttpMethod.Post, "/api/rate/0/1/100", () => Json(GoodRating), 400, "study_id must be a whole number 1 or more, not '0'"),
        ["rate: unknown neuron"] = new(HttpMethod.Post, "/api/rate/{study}/1/999", () => Json(GoodRating), 404, "You have no rating task for neuron 1:999"),
        ["rate: unknown study"] = new(HttpMethod.Get, "/api/rate/999/1/100", () => null, 404, "You have no rating task for neuron 1:100 in study 999."),
        ["import: malformed JSON"] = new(HttpMethod.Post, "/api/import", () => SweepServer.Files(("5.json", SweepServer.RecordJson[..40])), 400, "5.json: Malformed JSON at line 1"),
        ["import: wrong dataclass_name"] = new(HttpMethod.Post, "/api/import", Record("\"dataclass_name\":\"NeuronRecord\"", "\"dataclass_name\":\"NeuronRecrod\""), 400, "unknown dataclass_name 'NeuronRecrod'"),
        ["import: oversized file"] = new(HttpMethod.Post, "/api/import", () => SweepServer.Files(("5.json", SweepServer.RecordJson + new string(' ', SweepServer.MaxFileBytes))), 400, "the limit is 20,000"),
        ["import: too many files"] = new(HttpMethod.Post, "/api/import", () => SweepServer.Files([.. Enumerable.Range(1, 4).Select(i => ($"{i}.json", SweepServer.RecordJson))]), 400, "4 files were sent; upload at most 3 at a time."),
        ["import: upload too large in all"] = new(HttpMethod.Post, "/api/import", () => SweepServer.Files([.. Enumerable.Range(1, 3).Select(i => ($"{i}.json", SweepServer.RecordJson + new string(' ', 19_000)))]), 400, "The files add up to 57 kB; the limit is 48.8 kB per upload."),
        ["import: request over the limit"] = new(HttpMethod.Post, "/api/import", () => SweepServer.Files(("5.json", SweepServer.RecordJson + new string(' ', 1_200_000))), 400, "the limit is 48.8 kB per upload."),
        ["import: tokens and activations differ"] = new(HttpMethod.Post, "/api/import", Record("7.125]", "7.125,1.0]"), 400, "5.json: ActivationRecord has 2 tokens but 3 activations"),
        ["import: NaN activation"] = new(HttpMethod.Post, "/api/import", Record("7.125", "NaN"), 400, "5.json: random_sample[0].activations[1] is not a finite number"),
        ["import: Infinity activation"] = new(HttpMethod.Post, "/api/import", Record("7.125", "Infinity"), 400, "5.json: random_sample[0].activations[1] is not a finite number"),
        ["import: negative layer"] = new(HttpMethod.Post, "/api/import", Record("\"layer_index\":3", "\"layer_index\":-3"), 400, "layer and index must be 0 or more"),
        ["import: path names another neuron"] = new(HttpMethod.Post, "/api/import", Record("\"layer_index\":3", "\"layer_index\":3", "3/6.json"), 400, "holds neuron 3:5 but its path names 3:6"),
        ["import: explanation tokens and activations differ"] = new(HttpMethod.Post, "/api/import", () => SweepServer.Files(("5.jsonl", SweepServer.ExplanationsJson.Replace("[0.5,1.5]", "[0.5,1.5,2.5]", StringComparison.Ordinal))), 400, "has 2 simulation.expected_activations but 3 true_activations"),
        ["import: good file with a bad one"] = new(HttpMethod.Post, "/api/import", () => SweepServer.Files(("5.json", SweepServer.RecordJson), ("6.json", "{")), 400, "6.json: Malformed JSON at line 1"),
        ["import: no files"] = new(HttpMethod.Post, "/api/import", () => new MultipartFormDataContent { { new StringContent("x"), "note" } }, 400, "The upload has no files"),
        ["import: not multipart"] = new(HttpMethod.Post, "/api/import", () => Json(SweepServer.RecordJson), 400, "The body must be multipart/form-data"),
        ["import: no client header"] = new(HttpMethod.Post, "/api/import", () => SweepServer.Files(("5.json", SweepServer.RecordJson)), 400, "must carry the header X-NeuronViewer-Client", ClientHeader: false),
    };

    public static TheoryData<string> Names() => [.. Cases.Keys];

    [Theory]
    [MemberData(nameof(Names))]
    public async Task Bad_input_answers_problem_details_naming_the_problem_and_writes_nothing(string name)
    {
        var c = Cases[name];
        var before = sweep.Counts();

        using var response = await sweep.Send(c.Method, c.Path, c.Body(), c.ClientHeader);

        var text = await response.Content.ReadAsStringAsync();
        Assert.True(c.Status == (int)response.StatusCode, $"{name}: {(int)response.StatusCode} {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var body = JsonDocument.Parse(text).RootElement;
        Assert.Equal(c.Status, body.GetProperty("status").GetInt32());
        var detail = body.GetProperty("detail").GetString() ?? "";
        Assert.True(detail.Contains(c.Detail, StringComparison.Ordinal), $"{name}: detail '{detail}' does not say '{c.Detail}'");
        Assert.Equal(before, sweep.Counts());
    }

    [Fact]
    public async Task The_same_files_and_rating_when_valid_are_accepted()
    {
        var before = sweep.Counts();
        using (var import = await sweep.Send(HttpMethod.Post, "/api/import", SweepServer.Files(("5.json", SweepServer.RecordJson), ("5.jsonl", SweepServer.ExplanationsJson))))
        {
            Assert.True(import.StatusCode == HttpStatusCode.OK, await import.Content.ReadAsStringAsync());
            var report = await import.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal((1, 1), (report.GetProperty("records").GetInt32(), report.GetProperty("explanations").GetInt32()));
        }
        using (var rate = await sweep.Send(HttpMethod.Post, Rate, Json(GoodRating)))
            Assert.True(rate.StatusCode == HttpStatusCode.OK, await rate.Content.ReadAsStringAsync());
        var (neurons, records, explanations, scores, ratings, runs) = before;
        Assert.Equal((neurons + 1, records + 1, explanations + 1, scores + 1, ratings + 1, runs + 1), sweep.Counts());
    }
}
