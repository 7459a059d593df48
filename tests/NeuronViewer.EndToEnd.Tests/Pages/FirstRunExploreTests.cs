using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using NeuronViewer.Pipeline.Jobs;
using NeuronViewer.Pipeline.Stages;
using NeuronViewer.Storage.Jobs;
using static Microsoft.Playwright.Assertions;

namespace NeuronViewer.EndToEnd.Tests.Pages;

/// <summary>
/// A new user on an empty data folder: is offered the first run on the home page and follows its progress there, browses the
/// neurons, opens one, switches stacked and overlay, and tries their own text; screenshots of each step are kept under
/// artifacts/test-results/screenshots/pages.
/// </summary>
public sealed class FirstRunExploreTests : IDisposable
{
    /// <summary>Excerpts of the bundled corpus the test's first run reads (fewer than the default, to keep the test short).</summary>
    private const long Excerpts = 200;

    private readonly LiveServer app = new(("NeuronViewer:Auth:Mode", "single-user"));
    private readonly string shots = Browser.ScreenshotFolder("pages");

    public void Dispose() => app.Dispose();

    [BrowserFact]
    public async Task A_new_user_runs_the_first_run_then_explores_a_neuron_and_tries_their_own_text()
    {
        SetDefaultExpectTimeout(30_000);
        app.Start();
        var (playwright, browser) = await Browser.LaunchAsync();
        using (playwright)
        {
            await using (browser)
            {
                var page = await browser.NewPageAsync(new() { ViewportSize = new() { Width = 1400, Height = 900 } });
                await page.GotoAsync($"{app.BaseUrl}/neurons");
                await Expect(page.Locator(".nv-empty-state")).ToContainTextAsync("No neurons yet");
                await Shot(page, "0-empty-browser");
                await page.GotoAsync(app.BaseUrl + "/");
                await Expect(page.Locator(".nv-first-run-start")).ToBeVisibleAsync();
                await Shot(page, "0-home-first-run-offered");

                // The card's button reads 1,500 excerpts (minutes on a 2-core machine); the test queues the same first-run job on 200.
                var id = FirstRun.Start(app.Services.GetRequiredService<JobEngine>(), Excerpts);
                await Expect(page.Locator(".nv-first-run-stage")).ToBeVisibleAsync();
                await Shot(page, "0-home-first-run-progress");
                await WaitForAsync(id);
                var browse = page.Locator(".nv-first-run").GetByRole(AriaRole.Link, new() { Name = "Browse the neurons" });
                await Expect(browse).ToBeVisibleAsync(new() { Timeout = 60_000 });
                await browse.ClickAsync();

                await Expect(page).ToHaveURLAsync($"{app.BaseUrl}/neurons");
                await ExpectInteractiveAsync(page, "browser");
                await page.Locator("button.nv-sort", new() { HasText = "Top+random" }).ClickAsync();
                await Expect(page).ToHaveURLAsync($"{app.BaseUrl}/neurons?sort=-score");
                await Expect(page.Locator("th[aria-sort=descending]")).ToContainTextAsync("Top+random");
                await Expect(page.Locator("tr.nv-row").First).ToBeVisibleAsync();
                await Shot(page, "1-browser");

                var best = await page.Locator("tr.nv-row a.nv-neuron-id").First.InnerTextAsync();
                await page.Locator("tr.nv-row a.nv-neuron-id").First.ClickAsync();
                await Expect(page).ToHaveURLAsync($"{app.BaseUrl}/neurons/{best.Replace(':', '/')}");
                await ExpectInteractiveAsync(page, "neuron");
                await Expect(page.Locator("h1")).ToHaveTextAsync($"Neuron {best}");
                await Expect(page.Locator(".nv-expl").First).ToBeVisibleAsync();
                await Expect(page.Locator("#simulation .nv-excerpt").First).ToBeVisibleAsync();
                await Expect(page.Locator("#examples .nv-heatmap").First).ToBeVisibleAsync();
                await Expect(page.Locator("#simulation svg.main-svg").First).ToBeVisibleAsync();
                await Shot(page, "2-neuron");

                await page.Locator("#simulation").GetByRole(AriaRole.Button, new() { Name = "Overlay" }).ClickAsync();
                await Expect(page.Locator("#simulation .nv-overlay").First).ToBeVisibleAsync();
                await page.Locator("#simulation").ScreenshotAsync(new() { Path = Path.Combine(shots, "3-overlay.png") });
                await page.Locator("#simulation").GetByRole(AriaRole.Button, new() { Name = "Stacked" }).ClickAsync();
                await Expect(page.Locator("#simulation .nv-overlay")).ToHaveCountAsync(0);

                await page.Locator("#try").GetByRole(AriaRole.Button, new() { Name = "Run" }).ClickAsync();
                await Expect(page.Locator("#try .nv-alert-error")).ToHaveTextAsync("Type some text first.");
                const string text = "The jury said the city of Atlanta should pay for the new courthouse in 1962.";
                await page.Locator("#nv-try-text").FillAsync(text);
                await page.Locator("#nv-try-text").PressAsync("Control+Enter");
                var real = page.Locator("#try [aria-label='Real activations, excerpt 1'] span.nv-tok");
                await Expect(real.First).ToBeVisibleAsync();
                Assert.Equal(text, string.Concat(await page.Locator("#try [aria-label='Real activations, excerpt 1']").EvaluateAsync<string[]>(
                    "g => [...g.querySelectorAll('span.nv-tok')].map(t => t.firstChild.textContent)")));
                await Expect(page.Locator("#try [aria-label='Simulated activations, excerpt 1']")).ToBeVisibleAsync();
                await Expect(page.Locator("#try .nv-try-meta")).ToContainTextAsync("the offline baseline");
                await page.Locator("#try").ScreenshotAsync(new() { Path = Path.Combine(shots, "4-try-your-own-text.png") });

                var related = page.Locator("#related-neurons .nv-neuron-card a").First;
                await Expect(related).ToBeVisibleAsync();
                var target = await related.GetAttributeAsync("href");
                await Shot(page, "5-neuron-full", fullPage: true);
                await related.ClickAsync();
                await Expect(page).ToHaveURLAsync(app.BaseUrl + target);
                await Expect(page.Locator("h1")).ToContainTextAsync("Neuron ");
            }
        }
    }

    /// <summary>Waits for the first-run job to finish; it must complete.</summary>
    private async Task WaitForAsync(long id)
    {
        var engine = app.Services.GetRequiredService<JobEngine>();
        var deadline = DateTime.UtcNow.AddMinutes(25);
        while (engine.Get(id) is { IsFinal: false } && DateTime.UtcNow < deadline)
            await Task.Delay(1000);
        var job = engine.Get(id)!;
        Assert.True(job.State == JobState.Completed, $"The first run ended {job.State}: {job.Error}");
    }

    private Task Shot(IPage page, string name, bool fullPage = false) =>
        page.ScreenshotAsync(new() { Path = Path.Combine(shots, name + ".png"), FullPage = fullPage });

    private async Task ExpectInteractiveAsync(IPage page, string what)
    {
        try
        {
            await Expect(page.Locator("[data-interactive=true]")).ToHaveCountAsync(1);
        }
        catch (PlaywrightException)
        {
            await Shot(page, $"failed-{what}-not-interactive", fullPage: true);
            throw;
        }
    }
}
