using System.IO.Compression;
using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using NeuronViewer.Core.Records;
using NeuronViewer.Storage;
using NeuronViewer.Web.Security;
using NeuronViewer.Web.Tests.Security;

namespace NeuronViewer.Web.Tests.Neurons;

/// <summary>The read API and the pages' routes over HTTP, on the real app with a real LiteDB file (single-user mode: the local user has every role).</summary>
public sealed class ApiTests : IDisposable
{
    private static readonly NeuronId[] Seeded = [new(0, 3), new(1, 1), new(1, 2), new(1, 9), new(2, 0)];
    private readonly TestApp app = new();

    public ApiTests()
    {
        var store = app.Services.GetRequiredService<NeuronViewerStore>();
        var run = NeuronSeed.Run(store);
        var scores = new[] { 0.2, 0.9, 0.5, 0.7, 0.4 };
        for (var i = 0; i < Seeded.Length; i++)
            NeuronSeed.Neuron(store, run, Seeded[i], markupScore: scores[i], plainScore: i == 0 ? 0.3 : 0.1);
    }

    public void Dispose() => app.Dispose();

    private async Task<(HttpStatusCode Status, JsonElement Body, string? ContentType)> Get(string path)
    {
        using var http = app.CreateClient();
        using var response = await http.GetAsync(path);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone(), response.Content.Headers.ContentType?.MediaType);
    }

    private static List<string> Neurons(JsonElement page) =>
        page.GetProperty("items").EnumerateArray().Select(i => $"{i.GetProperty("layer").GetInt32()}:{i.GetProperty("index").GetInt32()}").ToList();

    [Fact]
    public async Task The_list_pages_through_every_neuron_with_the_total()
    {
        var (status, first, type) = await Get("/api/neurons?page_size=2");
        Assert.Equal((HttpStatusCode.OK, "application/json"), (status, type));
        Assert.Equal((5, 1, 2, 3), (first.GetProperty("total").GetInt32(), first.GetProperty("page").GetInt32(), first.GetProperty("page_size").GetInt32(), first.GetProperty("pages").GetInt32()));
        Assert.Equal(["0:3", "1:1"], Neurons(first));
        Assert.Equal(["2:0"], Neurons((await Get("/api/neurons?page_size=2&page=3")).Body));
        Assert.Empty(Neurons((await Get("/api/neurons?page_size=2&page=4")).Body));

        var row = first.GetProperty("items")[1];
        Assert.Equal(NeuronSeed.MarkupExplanation, row.GetProperty("best_explanation").GetString());
        Assert.Equal(0.9, row.GetProperty("top_and_random_score").GetDouble());
        Assert.Equal(0.47, row.GetProperty("ablation_score").GetDouble());
        Assert.Equal(4.0, row.GetProperty("max_activation").GetDouble());
        Assert.Equal("/api/neurons/1/1", row.GetProperty("url").GetString());
    }

    [Theory]
    [InlineData("layer=1&sort=-score", "1:1 1:9 1:2")]
    [InlineData("min_score=0.45&max_score=0.8", "1:2 1:9")]
    [InlineData("q=CAT&sort=neuron", "0:3")]
    [InlineData("score=random_only&min_score=0.5&sort=-score", "1:1 1:9")]
    [InlineData("sort=-neuron&page_size=2", "2:0 1:9")]
    public async Task Filters_and_sorts_follow_the_parameters(string query, string expected)
    {
        var (status, body, _) = await Get("/api/neurons?" + query);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(expected, string.Join(' ', Neurons(body)));
    }

    [Theory]
    [InlineData("layer=x", "layer")]
    [InlineData("layer=-2", "layer")]
    [InlineData("min_score=abc", "min_score")]
    [InlineData("max_score=Infinity", "max_score")]
    [InlineData("min_score=0.9&max_score=0.1", "min_score")]
    [InlineData("score=best", "score")]
    [InlineData("sort=popularity", "sort")]
    [InlineData("page=0", "page")]
    [InlineData("page=two", "page")]
    [InlineData("page_size=1001", "page_size")]
    [InlineData("page_size=0", "page_size")]
    public async Task A_bad_parameter_answers_400_with_problem_details_naming_it(string query, string parameter)
    {
        var (status, body, type) = await Get("/api/neurons?" + query);
        Assert.Equal((HttpStatusCode.BadRequest, "application/problem+json"), (status, type));
        Assert.Equal(400, body.GetProperty("status").GetInt32());
        Assert.Equal(parameter, body.GetProperty("parameter").GetString());
        Assert.StartsWith(parameter, body.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.True(body.GetProperty("errors").TryGetProperty(parameter, out _));
    }

    [Fact]
    public async Task Several_bad_parameters_are_all_listed()
    {
        var (_, body, _) = await Get("/api/neurons?layer=a&page_size=-1&sort=x");
        Assert.Equal(["layer", "sort", "page_size"], body.GetProperty("errors").EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public async Task A_neuron_comes_with_its_record_explanations_and_scores()
    {
        var (status, body, _) = await Get("/api/neurons/1/2");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("1:2", $"{body.GetProperty("neuron").GetProperty("layer")}:{body.GetProperty("neuron").GetProperty("index")}");
        var record = body.GetProperty("record");
        Assert.Equal("NeuronRecord", record.GetProperty("dataclass_name").GetString());
        Assert.Equal(4, record.GetProperty("most_positive_activation_records").GetArrayLength());
        var explanations = body.GetProperty("explanations").EnumerateArray().ToList();
        Assert.Equal([NeuronSeed.MarkupExplanation, NeuronSeed.PlainExplanation], explanations.Select(e => e.GetProperty("text").GetString()));
        Assert.Equal("human_written", explanations[1].GetProperty("source").GetString());
        var scores = explanations[0].GetProperty("scores").EnumerateArray().ToList();
        Assert.Equal(["top_and_random", "random_only"], scores.Select(s => s.GetProperty("set").GetString()));
        Assert.Equal(0.5, scores[0].GetProperty("ev_correlation_score").GetDouble());
        Assert.Equal(2, scores[0].GetProperty("failed_sequences").GetInt32());
        Assert.Equal("gpt-4o-mini", scores[0].GetProperty("simulator").GetProperty("model").GetString());
        Assert.Equal(0.47, explanations[0].GetProperty("ablation_scores")[0].GetProperty("score").GetDouble());
    }

    [Theory]
    [InlineData("/api/neurons/1/3")]
    [InlineData("/api/neurons/40/0")]
    public async Task An_unknown_neuron_answers_404_with_problem_details(string path)
    {
        var (status, body, type) = await Get(path);
        Assert.Equal((HttpStatusCode.NotFound, "application/problem+json"), (status, type));
        Assert.Contains("has no stored record or explanation", body.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/api/neurons/x/3", "layer")]
    [InlineData("/api/neurons/1/-3", "index")]
    [InlineData("/api/neurons/1/99999999999", "index")]
    public async Task A_neuron_address_that_is_not_two_whole_numbers_answers_400(string path, string parameter)
    {
        var (status, body, _) = await Get(path);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(parameter, body.GetProperty("parameter").GetString());
    }

    [Fact]
    public async Task The_export_streams_one_json_object_per_line_of_every_kind()
    {
        using var http = app.CreateClient();
        using var response = await http.GetAsync("/api/export");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/x-ndjson", response.Content.Headers.ContentType?.MediaType);
        Assert.EndsWith(".jsonl", response.Content.Headers.ContentDisposition?.FileName?.Trim('"'), StringComparison.Ordinal);
        var lines = (await response.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var kinds = lines.Select(l => JsonDocument.Parse(l).RootElement.GetProperty("kind").GetString()).GroupBy(k => k).ToDictionary(g => g.Key!, g => g.Count());
        Assert.Equal(1, kinds["run"]);
        Assert.Equal(5, kinds["neuron"]);
        Assert.Equal(10, kinds["explanation"]);
        Assert.Equal(20, kinds["score"]);
        Assert.Equal(5, kinds["ablation_score"]);
    }

    [Fact]
    public async Task The_openai_layout_downloads_as_a_zip_with_records_and_explanations()
    {
        using var http = app.CreateClient();
        using var response = await http.GetAsync("/api/export/openai-layout.zip");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/zip", response.Content.Headers.ContentType?.MediaType);
        using var zip = new ZipArchive(await response.Content.ReadAsStreamAsync(), ZipArchiveMode.Read);
        var names = zip.Entries.Select(e => e.FullName).ToHashSet();
        Assert.Contains("collated-activations/1/2.json", names);
        Assert.Contains("explanations/1/2.jsonl", names);
        Assert.Equal(5, names.Count(n => n.StartsWith("collated-activations/", StringComparison.Ordinal)));
        Assert.Empty(Directory.GetFiles(Path.GetTempPath(), "neuronviewer-export-*"));
    }

    [Theory]
    [InlineData("/neurons", "Neurons")]
    [InlineData("/neurons?layer=1&sort=-score", "Neurons")]
    [InlineData("/neurons/1/2", "Neuron 1:2")]
    [InlineData("/neurons/abc/2", "Not a neuron address")]
    [InlineData("/data", "Import &amp; export")]
    public async Task The_pages_answer(string path, string title)
    {
        using var http = app.CreateClient();
        using var response = await http.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(title, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}

/// <summary>The API and pages with accounts: only researchers and admins may read.</summary>
public sealed class ApiAccessTests : IDisposable
{
    private readonly TestApp app = new(("NeuronViewer:Auth:Mode", "accounts"));

    public void Dispose() => app.Dispose();


    [Fact]
    public async Task Anonymous_callers_get_401_annotators_403_and_researchers_the_data()
    {
        using (var anonymous = app.Visit())
        {
            Assert.Equal(HttpStatusCode.Unauthorized, await anonymous.Status("/api/neurons"));
            Assert.Equal(HttpStatusCode.Unauthorized, await anonymous.Status("/api/export"));
            Assert.StartsWith("/login", Visitor.Location(await anonymous.Http.GetAsync("/neurons")), StringComparison.Ordinal);
        }
        using (var annotator = await app.LoggedInAsync("anna", Roles.Annotator))
        {
            Assert.Equal(HttpStatusCode.Forbidden, await annotator.Status("/api/neurons"));
            Assert.Equal(HttpStatusCode.Forbidden, await annotator.Status("/api/neurons/0/0"));
            Assert.Equal(HttpStatusCode.Forbidden, await annotator.Status("/api/export/openai-layout.zip"));
            Assert.StartsWith("/denied", Visitor.Location(await annotator.Http.GetAsync("/neurons/0/0")), StringComparison.Ordinal);
            Assert.StartsWith("/denied", Visitor.Location(await annotator.Http.GetAsync("/data")), StringComparison.Ordinal);
        }
        using var researcher = await app.LoggedInAsync("rita", Roles.Researcher);
        Assert.Equal(HttpStatusCode.OK, await researcher.Status("/api/neurons"));
        Assert.Equal(HttpStatusCode.OK, await researcher.Status("/neurons"));
        Assert.Equal(HttpStatusCode.OK, await researcher.Status("/data"));
    }
}
