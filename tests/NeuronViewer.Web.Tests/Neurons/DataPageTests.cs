using System.Text;
using Bunit;
using Microsoft.AspNetCore.Components.Forms;
using NeuronViewer.Core.Json;
using NeuronViewer.Core.Records;
using NeuronViewer.Web.Components.Pages.Data;
using NeuronViewer.Web.Security;

namespace NeuronViewer.Web.Tests.Neurons;

public class DataPageTests : PagesTestContext
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    private static string RecordJson(NeuronId id) => OpenAiJson.Serialize(NeuronSeed.Record(id));

    private static string ExplanationsJson(NeuronId id) => JsonLines.Write([new NeuronSimulationResults(id, [
        new ScoredExplanation("the word cat", new ScoredSimulation([], 0.4, null, null)),
    ])]);

    /// <summary>The element's text as a reader sees it (runs of white space as one space).</summary>
    private static string Text(AngleSharp.Dom.IElement element) => System.Text.RegularExpressions.Regex.Replace(element.TextContent, @"\s+", " ");

    private IRenderedComponent<DataPage> Open(bool admin = false)
    {
        if (admin)
            Authorization.SetPolicies(Policies.Research, Policies.Admin);
        return Render<DataPage>();
    }

    [Fact]
    public void Uploaded_files_are_all_refused_when_one_has_a_problem_and_every_problem_is_listed()
    {
        var cut = Open();
        cut.FindComponent<InputFile>().UploadFiles(
            InputFileContent.CreateFromText(RecordJson(new NeuronId(1, 5)), "5.json"),
            InputFileContent.CreateFromText("{ not json", "broken.json"),
            InputFileContent.CreateFromText("", "empty.jsonl"));
        cut.Find("button.nv-button-primary").Click();

        cut.WaitForAssertion(() => Assert.NotNull(cut.Find(".nv-alert-error")), Wait);
        var problems = cut.FindAll(".nv-problem-list li").Select(li => li.TextContent).ToList();
        Assert.Equal(2, problems.Count);
        Assert.StartsWith("broken.json: ", problems[0], StringComparison.Ordinal);
        Assert.StartsWith("empty.jsonl: ", problems[1], StringComparison.Ordinal);
        Assert.Contains("Nothing was imported", cut.Find(".nv-alert-error").TextContent, StringComparison.Ordinal);
        Assert.Equal(0, Store.Summaries.Count);
    }

    [Fact]
    public void A_valid_upload_is_imported_and_the_counts_follow()
    {
        var cut = Open();
        cut.FindComponent<InputFile>().UploadFiles(
            InputFileContent.CreateFromText(RecordJson(new NeuronId(1, 5)), "5.json"),
            InputFileContent.CreateFromText(ExplanationsJson(new NeuronId(1, 5)), "5.jsonl"));
        Assert.Equal(["5.json", "5.jsonl"], cut.FindAll(".nv-filelist li").Select(li => li.TextContent.Split(' ')[0]));
        cut.Find("button.nv-button-primary").Click();

        cut.WaitForAssertion(() => Assert.Contains("Imported 1 neuron record, 1 explanation and 1 score.", Text(cut.Find(".nv-alert-ok")), StringComparison.Ordinal), Wait);
        cut.WaitForAssertion(() => Assert.Contains("Stored: 1 neurons, 1 with activation records, 1 explanations, 1 scores.", cut.Find(".nv-page-sub").TextContent, StringComparison.Ordinal), Wait);
        Assert.Equal("the word cat", Store.Summaries.Get(new NeuronId(1, 5))!.BestExplanation);
    }

    [Fact]
    public void Files_over_the_size_limit_are_refused_before_uploading()
    {
        var cut = Open();
        var big = new string(' ', (int)new NeuronViewer.Web.Api.ImportLimits().MaxFileBytes + 1);
        cut.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromText(big, "huge.json"));
        Assert.Contains("huge.json: is 32 MB; the limit is 32 MB.", cut.Find(".nv-problem-list").TextContent, StringComparison.Ordinal);
        Assert.True(cut.Find("button.nv-button-primary").HasAttribute("disabled"));
    }

    [Fact]
    public void Only_an_admin_may_import_a_folder_on_the_server_and_it_records_the_subject_model()
    {
        Assert.Contains("needs an administrator", Open().Find("#folder-title").ParentElement!.TextContent, StringComparison.Ordinal);

        var folder = Path.Combine(Path.GetTempPath(), "nv-import-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.Combine(folder, "collated-activations", "2"));
        File.WriteAllText(Path.Combine(folder, "collated-activations", "2", "9.json"), RecordJson(new NeuronId(2, 9)), Encoding.UTF8);
        File.WriteAllText(Path.Combine(folder, "README.txt.json"), "{}", Encoding.UTF8);
        try
        {
            var cut = Open(admin: true);
            cut.Find("input[placeholder='/data/neuron-explainer']").Change(folder);
            cut.Find("input[placeholder=unknown]").Change("bundled");
            cut.Find("#folder-title").ParentElement!.QuerySelector("form")!.Submit();
            cut.WaitForAssertion(() => Assert.Contains("Imported 1 neuron record", cut.Find(".nv-alert-ok").TextContent, StringComparison.Ordinal), Wait);
            Assert.Contains("Skipped 1 file", cut.Find(".nv-alert-ok").TextContent, StringComparison.Ordinal);
            var run = Store.Runs.Get(Store.Records.Get(new NeuronId(2, 9))!.RunId)!;
            Assert.Equal("bundled", run.SubjectModel);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void A_missing_folder_is_named()
    {
        var cut = Open(admin: true);
        cut.Find("input[placeholder='/data/neuron-explainer']").Change("/no/such/folder");
        cut.Find("#folder-title").ParentElement!.QuerySelector("form")!.Submit();
        cut.WaitForAssertion(() => Assert.Contains("The import folder '/no/such/folder' does not exist.", cut.Find(".nv-problem-list").TextContent, StringComparison.Ordinal), Wait);
    }
}
