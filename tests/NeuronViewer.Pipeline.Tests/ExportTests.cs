using System.Text;
using System.Text.Json;
using NeuronViewer.Core.Json;
using NeuronViewer.Core.Records;
using NeuronViewer.Pipeline.Exchange;
using NeuronViewer.Storage;
using NeuronViewer.Storage.Explanations;
using NeuronViewer.Storage.Rating;
using NeuronViewer.Storage.Scores;

namespace NeuronViewer.Pipeline.Tests;

public sealed class ExportTests : IDisposable
{
    private static readonly NeuronId Real = new(1, 1);
    private readonly string root = Path.Combine(Path.GetTempPath(), "nv-export-tests", Guid.NewGuid().ToString("N"));
    private readonly NeuronViewerStore store;

    public ExportTests()
    {
        store = NeuronViewerStore.Open(Path.Combine(root, "data"));
        new OpenAiImporter(store).Import(
        [
            ImportFile.FromBytes("1/1.json", ExchangeData.RealRecordBytes),
            ImportFile.FromBytes("1/1.jsonl", Encoding.UTF8.GetBytes(ExchangeData.ResultsLine(Real))),
            ImportFile.FromBytes("2/9.jsonl", Encoding.UTF8.GetBytes(ExchangeData.ResultsLine(new NeuronId(2, 9)))),
        ]);
        store.Records.SaveRelatedTokens(Real, new TokenLookupTableSummaryOfNeuron([" god", " gods"], [3.25, 2.5]), null);
        var human = store.Explanations.Add(new StoredExplanation { Neuron = Real, Text = "words about belief", Source = ExplanationSource.HumanWritten });
        store.Ablations.Save(new StoredAblationScore { ExplanationId = human, Score = 0.4, DivergenceSimulated = 0.06, DivergenceMeanAblated = 0.1 });
    }

    public void Dispose()
    {
        store.Dispose();
        Directory.Delete(root, recursive: true);
    }

    [Fact]
    public void The_OpenAI_layout_export_imports_back_into_an_empty_folder_unchanged()
    {
        var export = Path.Combine(root, "export");
        var report = new OpenAiLayoutExporter(store).Write(export);

        Assert.Equal((1, 2, 1), (report.Records, report.ExplanationFiles, report.RelatedTokenFiles));
        Assert.True(File.Exists(Path.Combine(export, "collated-activations", "1", "1.json")));
        var line = JsonLines.ReadSingle<NeuronSimulationResults>(File.ReadAllText(Path.Combine(export, "explanations", "1", "1.jsonl")));
        Assert.Equal(["religious words", "tokens after 'the'"], line.ScoredExplanations.Select(e => e.Explanation));
        Assert.Empty(Directory.GetDirectories(root, "export.tmp-*"));

        using var copy = NeuronViewerStore.Open(Path.Combine(root, "copy"));
        new OpenAiImporter(copy).ImportFolder(export);

        var original = store.Records.Get(Real)!.Record;
        var again = copy.Records.Get(Real)!.Record;
        Assert.Equal(OpenAiJson.Serialize(original), OpenAiJson.Serialize(again));
        Assert.Equal(OpenAiJson.Serialize(ExchangeData.RealRecord), OpenAiJson.Serialize(again));
        Assert.Equal([" god", " gods"], copy.Records.GetRelatedTokens(Real)!.LookupTable!.Tokens);
        Assert.Equal(0.5, copy.Summaries.Get(Real)!.TopAndRandomScore);
        Assert.Equal(2, copy.Summaries.Get(new NeuronId(2, 9))!.ExplanationCount);
        var copied = copy.Scores.ForNeuron(Real, withSimulations: true).Single(s => s.EvCorrelationScore == 0.5).Simulation!;
        Assert.Equal(OpenAiJson.Serialize(ExchangeData.Results(Real).ScoredExplanations[1].ScoredSimulation), OpenAiJson.Serialize(copied));

        var again2 = Assert.Throws<IOException>(() => new OpenAiLayoutExporter(store).Write(export));
        Assert.Contains("is not empty", again2.Message);
    }

    [Fact]
    public void The_JSON_lines_export_has_every_kind_with_OpenAI_records_inside()
    {
        var path = Path.Combine(root, "out", "export.jsonl");
        var count = new JsonLinesExporter(store).WriteFile(path);

        var lines = File.ReadAllLines(path).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(count, lines.Count);
        var kinds = lines.GroupBy(l => l.GetProperty("kind").GetString()!).ToDictionary(g => g.Key, g => g.ToList());
        Assert.Single(kinds["run"]);
        Assert.Single(kinds["neuron"]);
        Assert.Single(kinds["related_tokens"]);
        Assert.Equal(5, kinds["explanation"].Count);
        Assert.Equal(4, kinds["score"].Count);
        Assert.Equal(0.4, Assert.Single(kinds["ablation_score"]).GetProperty("score").GetDouble());
        var record = OpenAiJson.Deserialize<NeuronRecord>(kinds["neuron"][0].GetProperty("record").GetRawText());
        Assert.Equal(OpenAiJson.Serialize(ExchangeData.RealRecord), OpenAiJson.Serialize(record));
        Assert.Contains(kinds["explanation"], e => e.GetProperty("source").GetString() == "human_written");
        var score = kinds["score"][0];
        Assert.Equal("top_and_random", score.GetProperty("set").GetString());
        Assert.Equal(2, OpenAiJson.Deserialize<ScoredSimulation>(score.GetProperty("scored_simulation").GetRawText()).ScoredSequenceSimulations.Count);
        Assert.Single(Directory.GetFiles(Path.GetDirectoryName(path)!));
    }

    [Fact]
    public void Rating_studies_are_exported_with_their_tasks_and_every_revision_of_every_rating()
    {
        store.Explanations.AddMany(new[] { "dates", "places" }.Select(t => new StoredExplanation { Neuron = Real, Text = t, Source = ExplanationSource.Explainer }));
        var composer = new StudyComposer(store);
        var plan = composer.Plan(
            new Study { Name = "pilot", Annotators = [new AnnotatorRef("u1", "Ada")], AnnotatorsPerTask = 1 },
            new NeuronSelection { Neurons = [Real] }, new CandidatePlan { ExplainerSamples = 4, HumanWritten = true });
        Assert.Empty(plan.Skipped);
        var id = composer.Create(plan);
        store.Studies.Open(id);
        var task = store.RatingTasks.ForStudy(id)[0];
        RatingSubmission Rating(params int[] ratings) => new()
        {
            TaskId = task.Id, AnnotatorId = "u1", Ratings = [.. ratings], PresentationOrder = [4, 3, 2, 1, 0],
            Ranking = [.. Enumerable.Range(0, 5).OrderByDescending(c => ratings[c])],
        };
        store.Ratings.Submit(Rating(1, 2, 3, 4, 5));
        store.Ratings.Submit(Rating(5, 4, 3, 2, 1));

        using var all = new MemoryStream();
        new JsonLinesExporter(store).Write(all);
        using var one = new MemoryStream();
        var count = new JsonLinesExporter(store).WriteStudy(one, id);

        var lines = Encoding.UTF8.GetString(all.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        var kinds = lines.GroupBy(l => l.GetProperty("kind").GetString()!).ToDictionary(g => g.Key, g => g.ToList());
        Assert.Equal("pilot", Assert.Single(kinds["study"]).GetProperty("name").GetString());
        var candidates = Assert.Single(kinds["rating_task"]).GetProperty("candidates").EnumerateArray().ToList();
        Assert.Equal(["imported", "imported", "explainer", "explainer", "human_written"], candidates.Select(c => c.GetProperty("source").GetString()));
        var ratings = kinds["rating"];
        Assert.Equal([1, 2], ratings.Select(r => r.GetProperty("revision").GetInt32()));
        Assert.Equal([false, true], ratings.Select(r => r.GetProperty("is_current").GetBoolean()));
        Assert.Equal([5, 4, 3, 2, 1], ratings[1].GetProperty("ratings").EnumerateArray().Select(v => v.GetInt32()));
        Assert.Equal([0, 1, 2, 3, 4], ratings[1].GetProperty("ranking").EnumerateArray().Select(v => v.GetInt32()));
        Assert.Equal("u1", ratings[1].GetProperty("annotator_id").GetString());
        Assert.True(ratings[1].TryGetProperty("submitted_at", out _));
        Assert.Equal(4, count);
        Assert.Equal(4, Encoding.UTF8.GetString(one.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
    }
}
