using Bunit;
using Microsoft.Extensions.DependencyInjection;
using NeuronViewer.Storage.Explanations;
using NeuronViewer.Storage.Rating;
using NeuronViewer.Web.Components.Pages.Rating;
using NeuronViewer.Web.Rating;

namespace NeuronViewer.Web.Tests.Rating;

public sealed class StudyPagesTests : RatingTestContext
{
    private long DraftStudy() => Store.Studies.Create(
        new Study { Name = "Draft one", AnnotatorsPerTask = 1 },
        [new RatingTask { Neuron = Neuron, Candidates = Store.Explanations.ForNeuron(Neuron).Select(TaskCandidate.From).ToList() }]);

    [Fact]
    public void A_researcher_replaces_a_candidate_with_a_typed_explanation_adds_themselves_and_opens_the_study()
    {
        SignIn("u-res", "Rhea");
        var id = DraftStudy();
        var page = Render<StudyPage>(p => p.Add(x => x.Id, id));

        page.FindAll("button.nv-link-button").Where(b => b.TextContent == "replace").ElementAt(1).Click();
        page.Find("textarea").Change("cats lying on mats");
        page.FindAll("button").Single(b => b.TextContent.Trim() == "Replace candidate 2").Click();

        var candidate = Store.RatingTasks.ForStudy(id)[0].Candidates[1];
        Assert.Equal(("cats lying on mats", ExplanationSource.HumanWritten), (candidate.Text, candidate.Source));
        Assert.Equal("Rhea", Store.Explanations.Get(candidate.ExplanationId)!.Author);
        Assert.Contains("cats lying on mats", page.Find("section[aria-labelledby=nv-tasks]").TextContent);

        page.FindAll("button").Single(b => b.TextContent.Trim() == "Open for rating").Click();
        Assert.Equal("Study “Draft one” has no annotators; assign at least one before opening it.", page.Find(".nv-problems").TextContent);

        page.FindAll("button").Single(b => b.TextContent.Trim() == "Add me").Click();
        page.FindAll("button").Single(b => b.TextContent.Trim() == "Open for rating").Click();
        Assert.Equal(StudyState.Open, Store.Studies.Get(id)!.State);
        Assert.Equal(["u-res"], Store.RatingTasks.ForStudy(id)[0].AnnotatorIds);
        Assert.DoesNotContain(page.FindAll("button.nv-link-button"), b => b.TextContent == "replace");
    }

    [Fact]
    public void The_results_page_shows_each_candidates_source_score_and_mean_rating_and_the_agreement()
    {
        var task = Task;
        foreach (var (annotator, ratings) in new[] { ("u-ada", new[] { 5, 4, 3, 2, 1 }), ("u-bo", new[] { 4, 5, 3, 2, 1 }) })
        {
            Store.Ratings.Submit(new RatingSubmission
            {
                TaskId = task.Id, AnnotatorId = annotator, Ratings = [.. ratings], PresentationOrder = [0, 1, 2, 3, 4],
                Ranking = [.. Enumerable.Range(0, 5).OrderByDescending(c => ratings[c])],
            });
        }
        Services.AddSingleton(new RatingResultsService(Store));

        var page = Render<ResultsPage>();

        var rows = page.FindAll("section.nv-card tbody tr").Select(r => r.QuerySelectorAll("td").Select(td => td.TextContent).ToArray()).ToList();
        Assert.Equal(["the word cat", "explainer", "4.50", "1.50", "2", "0.91", "—", "—"], rows[0]);
        Assert.Equal(["years in the 1900s", "control from 5:5", "1.00", "5.00", "2", "0.11", "—", "—"], rows[4]);
        // Mean ratings 4.5 4.5 3 2 1 against falling scores: 9 untied pairs, all agree. α interval: units (5,4) (4,5) (3,3) (2,2) (1,1);
        // D_o = (2·1 + 2·1)/10 = 0.4 (ordered pairs); D_e = (2·10·110 − 2·30²)/90 = 400/90; α = 1 − 0.09 = 0.91.
        Assert.Equal("1.00", page.Find("#nv-pooled-pairwise .nv-stat-value").TextContent);
        Assert.Equal("0.91", page.Find("#nv-alpha-interval .nv-stat-value").TextContent);
        Assert.Contains("ratings.csv", page.Markup);
    }
}
