using Microsoft.Playwright;
using NeuronViewer.Core.Records;
using NeuronViewer.Storage;
using NeuronViewer.Storage.Explanations;
using NeuronViewer.Storage.Rating;
using NeuronViewer.Storage.Runs;
using NeuronViewer.Storage.Scores;
using NeuronViewer.Web.Security;
using System.Text.RegularExpressions;
using static Microsoft.Playwright.Assertions;

namespace NeuronViewer.EndToEnd.Tests.Rating;

/// <summary>Two annotators rate the same task in a real browser (one with the mouse and drag and drop, one with the keyboard only); the results page shows their agreement.</summary>
public sealed class TwoAnnotatorsTests : IDisposable
{
    private static readonly NeuronId Neuron = new(2, 7);

    // Candidate texts with scores falling in this order; Ada rates them 5..1, Bo 5,4,3,1,2.
    private static readonly string[] Texts =
    [
        "the word cat, and other pets", "animals in general", "the tokens ' cat', ' dog', ' pet'", "cats as the subject of a sentence", "years in the 1900s",
    ];

    private static readonly int[] AdaRatings = [5, 4, 3, 2, 1];
    private static readonly int[] BoRatings = [5, 4, 3, 1, 2];
    private readonly LiveServer app = new();
    private readonly string shots = Browser.ScreenshotFolder("rating");

    public void Dispose() => app.Dispose();

    [BrowserFact]
    public async Task Two_annotators_rate_the_same_task_and_the_results_page_shows_their_agreement()
    {
        SetDefaultExpectTimeout(20_000);
        app.Start();
        var (ada, bo) = Users();
        var studyId = Seed(app.Store, ada, bo);
        var (playwright, browser) = await Browser.LaunchAsync();
        using (playwright)
        {
            await using (browser)
            {
                await RateWithMouseAndDragAsync(browser, studyId);
                await RateWithKeyboardAsync(browser, studyId);

                var current = app.Store.Ratings.CurrentForStudy(studyId);
                Assert.Equal(2, current.Count);
                Assert.Equal(AdaRatings, current.Single(r => r.AnnotatorId == ada).Ratings);
                Assert.Equal(BoRatings, current.Single(r => r.AnnotatorId == bo).Ratings);

                var page = await NewPageAsync(browser, "rhea");
                await page.GotoAsync($"{app.BaseUrl}/results?study={studyId}");
                // α interval by hand: pairs (5,5) (4,4) (3,3) (2,1) (1,2); D_o = 4/10; D_e = (2·10·110 − 2·30²)/90 = 400/90; α = 1 − 0.09 = 0.91.
                await Expect(page.Locator("#nv-alpha-interval .nv-stat-value")).ToHaveTextAsync("0.91");
                // Mean ratings 5, 4, 3, 1.5, 1.5 against falling scores: 9 untied pairs, all ordered alike.
                await Expect(page.Locator("#nv-pooled-pairwise .nv-stat-value")).ToHaveTextAsync("1.00");
                await Expect(page.Locator("#nv-pooled-pairwise .nv-stat-label")).ToHaveTextAsync("pairwise agreement (9 of 9 pairs)");
                await Expect(page.Locator(".nv-stat").First).ToContainTextAsync("ratings from 2 annotator(s)");
                await Expect(page.Locator("[data-neuron-agreement='2:7']")).ToContainTextAsync("pairwise 1.00");
                // Both figures drawn: the rating-vs-score scatter and the agreement bars.
                await Expect(page.Locator("figure.nv-chart")).ToHaveCountAsync(2);
                foreach (var figure in await page.Locator("figure.nv-chart").AllAsync())
                    await Expect(figure.Locator("svg.main-svg").First).ToBeVisibleAsync();
                await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(shots, "3-results.png"), FullPage = true });
                await CheckDownloadsAsync(page, studyId, bo);
                await page.GotoAsync($"{app.BaseUrl}/studies/{studyId}");
                await Expect(page.Locator("table.nv-table").First).ToContainTextAsync("Ada");
                await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(shots, "4-study.png"), FullPage = true });
                await CreateStudyAsync(page);
            }
        }
    }

    [BrowserFact]
    public async Task Closing_the_tab_right_after_rating_loses_nothing_and_reopening_restores_the_draft()
    {
        SetDefaultExpectTimeout(20_000);
        app.Start();
        var (ada, _) = Users();
        var studyId = Seed(app.Store, ada, "nobody");
        var task = app.Store.RatingTasks.ForStudy(studyId)[0];
        var (playwright, browser) = await Browser.LaunchAsync();
        using (playwright)
        {
            await using (browser)
            {
                var page = await NewPageAsync(browser, "ada");
                await page.GotoAsync($"{app.BaseUrl}/rate/{Neuron.LayerIndex}/{Neuron.NeuronIndex}");
                await ExpectInteractiveAsync(page, "ada-draft");
                await page.Locator(".nv-cand").Nth(1).Locator("label.nv-scale-opt").Nth(3).ClickAsync();
                await Expect(page.Locator(".nv-cand").Nth(1).Locator("label.nv-scale-on")).ToHaveCountAsync(1);
                await page.Locator("textarea").FillAsync("stopped for lunch");
                await page.Context.CloseAsync();

                var deadline = DateTime.UtcNow.AddSeconds(20);
                while (app.Store.RatingDrafts.Get(task.Id, ada)?.Comment != "stopped for lunch" && DateTime.UtcNow < deadline)
                    await Task.Delay(100);
                var draft = app.Store.RatingDrafts.Get(task.Id, ada);
                Assert.Equal("stopped for lunch", draft?.Comment);

                var again = await NewPageAsync(browser, "ada");
                await again.GotoAsync($"{app.BaseUrl}/rate");
                await Expect(again.Locator("table.nv-table")).ToContainTextAsync("In progress (draft saved)");
                await again.GotoAsync($"{app.BaseUrl}/rate/{Neuron.LayerIndex}/{Neuron.NeuronIndex}");
                await Expect(again.Locator(".nv-cand").Nth(1).Locator("label.nv-scale-on .nv-scale-num")).ToHaveTextAsync("4");
                await Expect(again.Locator("textarea")).ToHaveValueAsync("stopped for lunch");
                await Expect(again.Locator(".nv-saved")).ToHaveTextAsync("Draft restored");
            }
        }
    }

    private async Task RateWithMouseAndDragAsync(IBrowser browser, long studyId)
    {
        var page = await NewPageAsync(browser, "ada");
        await page.GotoAsync($"{app.BaseUrl}/rate");
        await ExpectInteractiveAsync(page, "ada-queue");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(shots, "0-ada-queue.png") });
        await page.GetByRole(AriaRole.Link, new() { Name = "Start" }).ClickAsync();
        await ExpectInteractiveAsync(page, "ada");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(shots, "0-ada-form-top.png") });
        var letters = await LettersByTextAsync(page);
        for (var i = 0; i < Texts.Length; i++)
            await page.Locator(".nv-cand").Nth(Position(letters[i])).Locator("label.nv-scale-opt").Nth(AdaRatings[i] - 1).ClickAsync();
        for (var i = 0; i < Texts.Length; i++)
        {
            // The first goes onto the empty list, the others onto the "place it last" zone below it.
            var target = page.Locator(i == 0 ? "ol.nv-rank-list" : ".nv-rank-end");
            await page.GetByRole(AriaRole.Button, new() { Name = $"Add explanation {letters[i]} to the ranking" }).DragToAsync(target);
            await Expect(page.Locator("li.nv-rank-item")).ToHaveCountAsync(i + 1);
        }
        await Expect(page.Locator("li.nv-rank-item").First).ToHaveAttributeAsync("aria-label", $"Rank 1: explanation {letters[0]}");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(shots, "1-ada-form.png"), FullPage = true });
        await page.GetByRole(AriaRole.Button, new() { Name = "Submit", Exact = true }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/rate\\?submitted=\\d+$"));
        await Expect(page.Locator(".nv-notice")).ToContainTextAsync("your rating was submitted");
        await Expect(page.Locator("table.nv-table")).ToContainTextAsync("Submitted");
        // An annotator never reaches scores: the results page, the study page and the downloads are refused.
        await page.GotoAsync($"{app.BaseUrl}/results?study={studyId}");
        await Expect(page).ToHaveURLAsync(new Regex("/denied"));
        var summary = await page.APIRequest.GetAsync($"{app.BaseUrl}/results/{studyId}/summary.csv", new() { MaxRedirects = 0 });
        Assert.Equal(302, summary.Status);
        Assert.Contains("/denied", summary.Headers["location"], StringComparison.Ordinal);
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Studies" })).ToHaveCountAsync(0);
    }

    private async Task RateWithKeyboardAsync(IBrowser browser, long studyId)
    {
        var page = await NewPageAsync(browser, "bo");
        await page.GotoAsync($"{app.BaseUrl}/rate/{Neuron.LayerIndex}/{Neuron.NeuronIndex}?study={studyId}");
        await ExpectInteractiveAsync(page, "bo");
        var letters = await LettersByTextAsync(page);
        for (var i = 0; i < Texts.Length; i++)
        {
            var card = page.Locator(".nv-cand").Nth(Position(letters[i]));
            await card.Locator("input[type=radio]").First.FocusAsync();
            await page.Keyboard.PressAsync(BoRatings[i].ToString(System.Globalization.CultureInfo.InvariantCulture));
            await Expect(card.Locator("label.nv-scale-on .nv-scale-num")).ToHaveTextAsync(BoRatings[i].ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
        await page.GetByRole(AriaRole.Button, new() { Name = "Order by my ratings" }).FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator("li.nv-rank-item")).ToHaveCountAsync(5);
        var third = page.Locator("li.nv-rank-item").Nth(4);
        await Expect(third).ToHaveAttributeAsync("aria-label", $"Rank 5: explanation {letters[3]}");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(shots, "2-bo-form.png"), FullPage = true });
        await page.Keyboard.PressAsync("Control+Enter");
        await Expect(page).ToHaveURLAsync(new Regex("/rate\\?submitted=\\d+$"));
    }

    /// <summary>The export links answer with the study's ratings: CSV (header + 5 rows per annotator) and JSON lines (study, task, 2 ratings).</summary>
    private async Task CheckDownloadsAsync(IPage page, long studyId, string bo)
    {
        var csv = await page.APIRequest.GetAsync($"{app.BaseUrl}/results/{studyId}/ratings.csv");
        Assert.Equal(200, csv.Status);
        var rows = (await csv.TextAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(11, rows.Length);
        Assert.Contains(rows, r => r.Contains($",{bo},Bo,1,true,", StringComparison.Ordinal) && r.Contains(",control from 5:5,years in the 1900s,2,", StringComparison.Ordinal));
        var jsonl = await page.APIRequest.GetAsync($"{app.BaseUrl}/results/{studyId}/ratings.jsonl");
        var kinds = (await jsonl.TextAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => System.Text.Json.JsonDocument.Parse(l).RootElement.GetProperty("kind").GetString()).ToList();
        Assert.Equal(["study", "rating_task", "rating", "rating"], kinds);
        Assert.Equal(404, (await page.APIRequest.GetAsync($"{app.BaseUrl}/results/999/ratings.csv")).Status);
    }

    /// <summary>The researcher composes a second study in the browser: a list of one neuron, previewed, then created in Draft.</summary>
    private async Task CreateStudyAsync(IPage page)
    {
        await page.GotoAsync($"{app.BaseUrl}/studies/new");
        await ExpectInteractiveAsync(page, "researcher");
        await page.GetByLabel("Name").FillAsync("Second look");
        await page.GetByRole(AriaRole.Button, new() { Name = "A list" }).ClickAsync();
        await page.GetByLabel("Neurons (layer:index, separated by commas or lines)").FillAsync("2:7, 9:9");
        await page.GetByRole(AriaRole.Button, new() { Name = "Compose" }).ClickAsync();
        await page.GetByLabel("Explainer samples").FillAsync("2");
        await page.GetByLabel("A human-written explanation").CheckAsync();
        await Expect(page.GetByText("That makes 5 candidates per task")).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Preview" }).ClickAsync();
        await Expect(page.Locator(".nv-notice")).ToContainTextAsync("1 task(s) from 2 neuron(s); candidates: 2 explainer samples + token look-up baseline + human-written + control (random neuron).");
        await page.Locator(".nv-notice summary").ClickAsync();
        await Expect(page.Locator(".nv-notice")).ToContainTextAsync("9:9: no neuron record (excerpts) is stored.");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(shots, "5-new-study.png"), FullPage = true });
        await page.GetByRole(AriaRole.Button, new() { Name = "Create study" }).ClickAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync("Second look");
        await Expect(page.Locator(".nv-state").First).ToHaveTextAsync("draft");
        var second = app.Store.Studies.List().Single(s => s.Name == "Second look");
        var control = app.Store.RatingTasks.ForStudy(second.Id).Single().Candidates[4];
        Assert.Equal((ExplanationSource.Control, new NeuronId(5, 5), "words about the weather"), (control.Source, control.ControlFrom, control.Text));
    }

    /// <summary>Waits for the form's circuit to be interactive (clicks reach the server); keeps a screenshot when it is not.</summary>
    private async Task ExpectInteractiveAsync(IPage page, string who)
    {
        try
        {
            await Expect(page.Locator("[data-interactive=true]")).ToHaveCountAsync(1);
        }
        catch (PlaywrightException)
        {
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(shots, $"failed-{who}-not-interactive.png"), FullPage = true });
            throw;
        }
    }

    /// <summary>The letter (A–E) each candidate text is shown under, in <see cref="Texts"/> order.</summary>
    private static async Task<string[]> LettersByTextAsync(IPage page)
    {
        var shown = await page.Locator(".nv-cand .nv-cand-text").AllInnerTextsAsync();
        return Texts.Select(t => ((char)('A' + shown.ToList().FindIndex(s => s.EndsWith(t, StringComparison.Ordinal)))).ToString()).ToArray();
    }

    private static int Position(string letter) => letter[0] - 'A';

    /// <summary>A new browser context (its own cookies) logged in as the user.</summary>
    private async Task<IPage> NewPageAsync(IBrowser browser, string userName)
    {
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1400, Height = 1000 } });
        var page = await context.NewPageAsync();
        await SignIn.LogInAsync(page, app.BaseUrl, userName);
        return page;
    }

    /// <summary>Annotators Ada and Bo and researcher Rhea, stored through the app's user administration; returns the annotators' ids.</summary>
    private (string Ada, string Bo) Users()
    {
        SignIn.AddUser(app, "rhea", "Rhea", Roles.Researcher);
        return (SignIn.AddUser(app, "ada", "Ada", Roles.Annotator), SignIn.AddUser(app, "bo", "Bo", Roles.Annotator));
    }

    /// <summary>A neuron with a record and five scored candidates (two explainer samples, baseline, human-written, control), in an open study for Ada and Bo.</summary>
    private static long Seed(NeuronViewerStore store, string ada, string bo)
    {
        var run = store.Runs.Create(new CollectionRun { SubjectModel = "test-gpt2", Dataset = "tiny corpus", ExcerptLength = 8 });
        string[] words = [" The", " cat", " sat", " on", " the", " mat", " in", " 1984", " and", " a", " dog", " slept", ".", " It", " rained", " today"];
        var rng = new Random(5);
        ActivationRecord Excerpt(bool top)
        {
            var tokens = Enumerable.Range(0, 12).Select(_ => words[rng.Next(words.Length)]).ToArray();
            return new ActivationRecord(tokens, tokens.Select(t => t == " cat" ? (top ? 6 + rng.NextDouble() * 3 : 2.5) : t == " dog" ? 1.5 : rng.NextDouble() * 0.3 - 0.1).ToArray());
        }
        var top = Enumerable.Range(0, 16).Select(_ => Excerpt(true)).OrderByDescending(r => r.MaxActivation).ToArray();
        var random = Enumerable.Range(0, 12).Select(_ => Excerpt(false)).ToArray();
        store.Records.Save(run, new NeuronRecord(Neuron, random, null, null, 0.2, 1, 0, 0, top));
        var ids = store.Explanations.AddMany(Texts.Select((t, i) => new StoredExplanation
        {
            Neuron = Neuron, Text = t, SampleIndex = i,
            Source = i switch { 2 => ExplanationSource.TokenLookupBaseline, 3 => ExplanationSource.HumanWritten, 4 => ExplanationSource.Control, _ => ExplanationSource.Explainer },
            ControlFrom = i == 4 ? new NeuronId(5, 5) : null,
        }));
        store.Explanations.Add(new StoredExplanation { Neuron = new NeuronId(5, 5), Text = "words about the weather", Source = ExplanationSource.Explainer });
        for (var i = 0; i < ids.Count; i++)
            store.Scores.Save(new StoredScore { ExplanationId = ids[i], Set = EvaluationSet.TopAndRandom, Simulation = new ScoredSimulation([], 0.8 - (0.15 * i), null, null) });
        var id = store.Studies.Create(
            new Study
            {
                Name = "Cat neuron pilot", Instructions = "Rate how well each explanation captures the activations, then rank all five.",
                Annotators = [new AnnotatorRef(ada, "Ada"), new AnnotatorRef(bo, "Bo")], AnnotatorsPerTask = 2,
            },
            [new RatingTask { Neuron = Neuron, Candidates = store.Explanations.ForNeuron(Neuron).Select(TaskCandidate.From).ToList() }]);
        store.Studies.Open(id);
        return id;
    }
}
