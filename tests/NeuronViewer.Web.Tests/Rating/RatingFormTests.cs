using AngleSharp.Dom;
using Bunit;
using NeuronViewer.Storage.Rating;
using NeuronViewer.Web.Components.Pages.Rating;
using NeuronViewer.Web.Rating;

namespace NeuronViewer.Web.Tests.Rating;

public sealed class RatingFormTests : RatingTestContext
{
    private IRenderedComponent<RateTask> Open(string id, string name)
    {
        SignIn(id, name);
        return Render<RateTask>(p => p.Add(x => x.Layer, Neuron.LayerIndex).Add(x => x.Index, Neuron.NeuronIndex));
    }

    private static List<string> ShownTexts(IRenderedComponent<RateTask> page) =>
        page.FindAll(".nv-cand .nv-cand-text").Select(e => e.TextContent.Split(": ", 2)[1]).ToList();

    private static IElement Card(IRenderedComponent<RateTask> page, string letter) =>
        page.FindAll(".nv-cand").Single(c => c.QuerySelector(".nv-letter")!.TextContent == letter);

    private static void Rate(IRenderedComponent<RateTask> page, string letter, int value) =>
        Card(page, letter).QuerySelectorAll("input[type=radio]").Single(r => r.GetAttribute("value") == value.ToString()).Change(value.ToString());

    private static List<string> Ranked(IRenderedComponent<RateTask> page) =>
        page.FindAll("li.nv-rank-item").Select(li => li.GetAttribute("aria-label")!).ToList();

    private static void Click(IRenderedComponent<RateTask> page, string ariaLabel) =>
        page.FindAll("button").Single(b => b.GetAttribute("aria-label") == ariaLabel).Click();

    private static void ClickText(IRenderedComponent<RateTask> page, string text) =>
        page.FindAll("button").Single(b => b.TextContent.Trim() == text).Click();

    [Fact]
    public void The_order_of_explanations_is_stable_per_annotator_and_differs_between_annotators()
    {
        var ada = ShownTexts(Open("u-ada", "Ada"));
        var adaAgain = ShownTexts(Open("u-ada", "Ada"));
        var bo = ShownTexts(Open("u-bo", "Bo"));

        Assert.Equal(ada, adaAgain);
        Assert.NotEqual(ada, bo);
        Assert.Equal(Texts.Order(), ada.Order());
        Assert.Equal(Texts.Order(), bo.Order());
        Assert.Equal([.. SeededOrder.Candidates("u-ada", Task.Id, 5).Select(c => Texts[c])], ada);
    }

    [Fact]
    public void Sources_scores_and_authors_are_absent_from_the_annotators_page_before_submitting()
    {
        var html = Open("u-ada", "Ada").Markup;

        foreach (var secret in new[] { "0.91", "0.71", "0.51", "0.31", "0.11", "gpt-4o", "openai", "token-lookup", "Dr Hidden", "human", "Human", "control", "Control", "baseline", "Baseline", "5:5", "explainer" })
            Assert.DoesNotContain(secret, html, StringComparison.Ordinal);
        foreach (var text in Texts)
            Assert.Contains(System.Net.WebUtility.HtmlEncode(text).Replace("&#39;", "'", StringComparison.Ordinal), html.Replace("&#x27;", "'", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Equal(["Top", "Random"], Open("u-ada", "Ada").FindAll(".nv-excerpt .nv-kind").Select(k => k.TextContent).Distinct().Order().Reverse());
    }

    [Fact]
    public void Ranking_works_from_the_keyboard_alone()
    {
        var page = Open("u-ada", "Ada");
        foreach (var letter in "ABC")
            Click(page, $"Add explanation {letter} to the ranking");
        Assert.Equal(["Rank 1: explanation A", "Rank 2: explanation B", "Rank 3: explanation C"], Ranked(page));

        page.FindAll("li.nv-rank-item")[2].KeyDown(new Microsoft.AspNetCore.Components.Web.KeyboardEventArgs { Key = "ArrowUp", AltKey = true });
        Assert.Equal(["Rank 1: explanation A", "Rank 2: explanation C", "Rank 3: explanation B"], Ranked(page));
        Assert.Contains("Explanation C is now rank 2.", page.Find("[role=status][aria-live=polite].nv-sr").TextContent);

        Click(page, "Move explanation A down");
        page.FindAll("li.nv-rank-item")[2].KeyDown(new Microsoft.AspNetCore.Components.Web.KeyboardEventArgs { Key = "Delete" });
        Assert.Equal(["Rank 1: explanation C", "Rank 2: explanation A"], Ranked(page));
        Assert.True(page.FindAll("button").Single(b => b.GetAttribute("aria-label") == "Move explanation C up").HasAttribute("disabled"));
    }

    [Fact]
    public void Digit_keys_rate_the_explanation_in_focus_and_order_by_my_ratings_ranks_all_five()
    {
        var page = Open("u-ada", "Ada");
        var values = new Dictionary<string, int> { ["A"] = 2, ["B"] = 5, ["C"] = 4, ["D"] = 4, ["E"] = 1 };
        foreach (var (letter, value) in values)
            Card(page, letter).KeyDown(new Microsoft.AspNetCore.Components.Web.KeyboardEventArgs { Key = value.ToString() });

        Assert.Equal("4", Card(page, "C").QuerySelector("input:checked")!.GetAttribute("value"));
        ClickText(page, "Order by my ratings");
        Assert.Equal(["Rank 1: explanation B", "Rank 2: explanation C", "Rank 3: explanation D", "Rank 4: explanation A", "Rank 5: explanation E"], Ranked(page));
    }

    [Fact]
    public void Submitting_incomplete_work_lists_every_problem_keeps_the_work_and_stores_nothing()
    {
        var page = Open("u-ada", "Ada");
        Rate(page, "B", 3);
        Click(page, "Add explanation D to the ranking");

        ClickText(page, "Submit");

        var alert = page.Find(".nv-problems[role=alert]");
        Assert.Contains("Rate every explanation: A, C, D and E have no rating yet.", alert.TextContent);
        Assert.Contains("Rank all 5 explanations: A, B, C and E are not ranked yet.", alert.TextContent);
        Assert.Equal(0, Store.Ratings.Count());
        Assert.Equal("3", Card(page, "B").QuerySelector("input:checked")!.GetAttribute("value"));
        var draft = Store.RatingDrafts.Get(Task.Id, "u-ada")!;
        var b = SeededOrder.Candidates("u-ada", Task.Id, 5)[1];
        Assert.Equal(3, draft.Ratings[b]);
    }

    [Fact]
    public void A_ranking_against_unequal_ratings_is_refused_until_ordered_then_the_submission_maps_letters_to_candidates()
    {
        var page = Open("u-ada", "Ada");
        var order = SeededOrder.Candidates("u-ada", Task.Id, 5);
        foreach (var (letter, value) in "ABCDE".Zip([1, 2, 3, 4, 5]))
            Rate(page, letter.ToString(), value);
        foreach (var letter in "ABCDE")
            Click(page, $"Add explanation {letter} to the ranking");
        Assert.Contains("A is ranked above B but rated lower.", page.Find(".nv-conflict").TextContent);

        ClickText(page, "Submit");
        Assert.Contains("The ranking puts A above B, but B has the higher rating", page.Find(".nv-problems").TextContent);
        Assert.Equal(0, Store.Ratings.Count());

        ClickText(page, "Order by my ratings");
        ClickText(page, "Submit");

        var stored = Store.Ratings.Current(Task.Id, "u-ada")!;
        for (var shown = 0; shown < 5; shown++)
            Assert.Equal(shown + 1, stored.Ratings[order[shown]]);
        Assert.Equal(order.Reverse(), stored.Ranking);
        Assert.Equal(order, stored.PresentationOrder);
        Assert.Null(Store.RatingDrafts.Get(Task.Id, "u-ada"));
    }

    [Fact]
    public void Work_is_saved_as_a_draft_after_a_pause_and_restored_when_the_task_is_reopened()
    {
        var page = Open("u-ada", "Ada");
        Rate(page, "C", 4);
        page.Find("textarea").Input("half done");
        page.WaitForAssertion(() => Assert.Equal("half done", Store.RatingDrafts.Get(Task.Id, "u-ada")?.Comment), TimeSpan.FromSeconds(5));

        var reopened = Open("u-ada", "Ada");
        Assert.Equal("4", Card(reopened, "C").QuerySelector("input:checked")!.GetAttribute("value"));
        Assert.Equal("half done", reopened.Find("textarea").GetAttribute("value"));
        Assert.Equal("Draft restored", reopened.Find(".nv-saved").TextContent);
    }

    [Fact]
    public async Task Closing_the_page_before_the_pause_ends_still_saves_the_draft()
    {
        SignIn("u-bo", "Bo");
        var page = Render<Components.Rating.RatingForm>(p => p
            .Add(x => x.View, new RatingWork(Store).Open("u-bo", Neuron).View!)
            .Add(x => x.AnnotatorId, "u-bo")
            .Add(x => x.DraftDelay, TimeSpan.FromHours(1)));
        page.FindAll(".nv-cand")[0].QuerySelectorAll("input[type=radio]")[4].Change("5");
        Assert.Null(Store.RatingDrafts.Get(Task.Id, "u-bo"));

        await DisposeComponentsAsync();

        var first = SeededOrder.Candidates("u-bo", Task.Id, 5)[0];
        Assert.Equal(5, Store.RatingDrafts.Get(Task.Id, "u-bo")!.Ratings[first]);
    }

    [Fact]
    public void A_submitted_rating_reopens_for_revision_and_a_closed_study_shows_it_read_only()
    {
        var page = Open("u-ada", "Ada");
        foreach (var letter in "ABCDE")
            Rate(page, letter.ToString(), 3);
        ClickText(page, "Order by my ratings");
        ClickText(page, "Submit");

        var revise = Open("u-ada", "Ada");
        Assert.Contains("submitted (revision 1)", revise.Find(".nv-rate-head").TextContent);
        Assert.NotNull(revise.FindAll("button").SingleOrDefault(b => b.TextContent.Trim() == "Submit revision"));
        Assert.All(revise.FindAll(".nv-cand input:checked"), r => Assert.Equal("3", r.GetAttribute("value")));

        Store.Studies.Close(StudyId);
        var closed = Open("u-ada", "Ada");
        Assert.DoesNotContain(closed.FindAll("button"), b => b.TextContent.Trim().StartsWith("Submit", StringComparison.Ordinal));
        Assert.All(closed.FindAll("fieldset.nv-scale"), f => Assert.True(f.HasAttribute("disabled")));
        Assert.Contains("This study is closed: your rating is final.", closed.Markup);
    }

    [Fact]
    public void An_annotator_without_the_task_is_told_so_and_an_anonymous_visitor_is_asked_to_sign_in()
    {
        Assert.Contains("You have no rating task for neuron 2:7.", Open("u-cy", "Cy").Markup);
        Auth.SetNotAuthorized();
        Assert.Contains("Sign in to rate.", Render<RateTask>(p => p.Add(x => x.Layer, 2).Add(x => x.Index, 7)).Markup);
    }
}
