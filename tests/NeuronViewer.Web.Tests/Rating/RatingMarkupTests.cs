using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using NeuronViewer.Core.Records;
using NeuronViewer.Storage.Explanations;
using NeuronViewer.Storage.Rating;
using NeuronViewer.Web.Components.Pages.Rating;
using NeuronViewer.Web.Rating;

namespace NeuronViewer.Web.Tests.Rating;

/// <summary>Issue 7 item 2: explanations and comments holding markup show as text on the rating form and the results page.</summary>
public sealed class RatingMarkupTests : RatingTestContext
{
    private const string Script = "<script>alert(1)</script>";
    private const string Bold = "<b>bold</b>";
    private static readonly NeuronId Marked = new(5, 5);
    private static readonly string[] MarkupTexts = [$"cats {Script}", $"{Bold} words", $"{Bold}{Script}", "plain one", "a < b & c > d"];

    private long MarkupStudy()
    {
        Store.Explanations.AddMany(MarkupTexts.Select((t, i) => new StoredExplanation { Neuron = Marked, Text = t, Source = ExplanationSource.Explainer, SampleIndex = i }));
        var id = Store.Studies.Create(
            new Study { Name = "Markup study", Annotators = [new AnnotatorRef("u-ada", "Ada")], AnnotatorsPerTask = 1 },
            [new RatingTask { Neuron = Marked, Candidates = Store.Explanations.ForNeuron(Marked).Select(TaskCandidate.From).ToList() }]);
        Store.Studies.Open(id);
        return id;
    }

    [Fact]
    public void Markup_in_explanations_and_comments_renders_as_text_on_the_form_and_the_results()
    {
        Services.AddSingleton(new RatingResultsService(Store));
        var study = MarkupStudy();
        var task = Store.RatingTasks.ForStudy(study)[0];
        Store.Ratings.Submit(new RatingSubmission
        {
            TaskId = task.Id, AnnotatorId = "u-ada", Ratings = [5, 4, 3, 2, 1], PresentationOrder = [0, 1, 2, 3, 4], Ranking = [0, 1, 2, 3, 4],
            Comment = $"{Bold} and {Script}",
        });
        SignIn("u-ada", "Ada");

        var form = Render<RateTask>(p => p.Add(x => x.Layer, Marked.LayerIndex).Add(x => x.Index, Marked.NeuronIndex));

        Assert.Empty(form.FindAll("script"));
        Assert.Empty(form.FindAll(".nv-cand b"));
        Assert.Equal(MarkupTexts.Order(), form.FindAll(".nv-cand .nv-cand-text").Select(e => e.TextContent.Split(": ", 2)[1]).Order());
        Assert.Equal($"{Bold} and {Script}", form.Find("textarea").GetAttribute("value") ?? form.Find("textarea").TextContent);
        // Where the text sits in a quoted attribute (a tooltip) it stays an attribute value, never markup.
        Assert.Contains(form.FindAll("[title]"), e => e.GetAttribute("title") == MarkupTexts[0]);

        Services.GetRequiredService<NavigationManager>().NavigateTo($"/results?study={study}");
        var results = Render<ResultsPage>();

        var texts = results.FindAll("section.nv-card tbody tr").Select(r => r.QuerySelector("td")!.TextContent).ToList();
        Assert.Equal(MarkupTexts.Order(), texts.Order());
        Assert.Empty(results.FindAll("script"));
        Assert.Empty(results.FindAll("section.nv-card tbody b"));
        Assert.DoesNotContain(Script, results.Markup, StringComparison.Ordinal);
    }
}
