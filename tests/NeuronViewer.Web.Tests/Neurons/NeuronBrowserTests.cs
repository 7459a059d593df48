using Bunit;
using Microsoft.AspNetCore.Components;
using NeuronViewer.Core.Records;
using NeuronViewer.Storage.Explanations;
using NeuronViewer.Web.Components.Pages.Neurons;

namespace NeuronViewer.Web.Tests.Neurons;

public class NeuronBrowserTests : PagesTestContext
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);

    private void Seed()
    {
        var run = NeuronSeed.Run(Store);
        NeuronSeed.Neuron(Store, run, new NeuronId(0, 3), markupScore: 0.2);
        NeuronSeed.Neuron(Store, run, new NeuronId(1, 1), markupScore: 0.9);
        NeuronSeed.Neuron(Store, run, new NeuronId(1, 2), markupScore: 0.5);
        Store.Explanations.Add(new StoredExplanation { Neuron = new NeuronId(1, 7), Text = "years in the 1900s", Source = ExplanationSource.Imported });
    }

    private IRenderedComponent<NeuronBrowser> Open(string query = "")
    {
        Navigation.NavigateTo("/neurons" + query);
        return Render<NeuronBrowser>();
    }

    private NavigationManager Navigation => (NavigationManager)Services.GetService(typeof(NavigationManager))!;

    private static List<string> Neurons(IRenderedComponent<NeuronBrowser> cut) => cut.FindAll("tr.nv-row a.nv-neuron-id").Select(a => a.TextContent).ToList();

    [Fact]
    public void The_filters_in_the_address_narrow_and_sort_the_rows()
    {
        Seed();
        var cut = Open("?layer=1&sort=-score");
        cut.WaitForAssertion(() => Assert.Equal(["1:1", "1:2", "1:7"], Neurons(cut)), Wait);
        Assert.Contains("4 neurons stored; 3 match the filters.", cut.Find(".nv-page-sub").TextContent, StringComparison.Ordinal);
        Assert.Equal("descending", cut.FindAll("th").Single(th => th.TextContent.Contains("Top+random", StringComparison.Ordinal)).GetAttribute("aria-sort"));
    }

    [Fact]
    public void A_row_shows_the_best_explanation_and_its_scores_and_links_to_the_neuron()
    {
        Seed();
        var cut = Open("?q=script");
        cut.WaitForAssertion(() => Assert.Equal(["1:1", "1:2"], Neurons(cut)), Wait);
        var row = cut.FindAll("tr.nv-row")[0];
        var cells = row.QuerySelectorAll("td").Select(c => c.TextContent.Trim()).ToList();
        Assert.Equal(["1:1", NeuronSeed.MarkupExplanation, "0.90", "0.80", "0.47", "4.00", "2"], cells);
        Assert.Equal("/neurons/1/1", row.QuerySelector("a")!.GetAttribute("href"));
        Assert.Empty(cut.FindAll("script"));
    }

    [Fact]
    public async Task Changing_a_filter_or_the_sort_puts_it_in_the_address()
    {
        Seed();
        var cut = Open();
        var navigation = Navigation;
        cut.WaitForAssertion(() => Assert.Equal(4, Neurons(cut).Count), Wait);

        await cut.InvokeAsync(() => cut.Find("select").Change(new ChangeEventArgs { Value = "1" }));
        Assert.EndsWith("/neurons?layer=1", navigation.Uri, StringComparison.Ordinal);
        await cut.InvokeAsync(() => cut.FindAll("button.nv-sort").Single(b => b.TextContent.StartsWith("Max act.", StringComparison.Ordinal)).Click());
        Assert.Contains("sort=-max_activation", navigation.Uri, StringComparison.Ordinal);
        await cut.InvokeAsync(() => cut.FindAll("input[type=number]")[0].Change(new ChangeEventArgs { Value = "0.4" }));
        Assert.Contains("min_score=0.4", navigation.Uri, StringComparison.Ordinal);
    }

    [Fact]
    public void Clicking_a_score_column_sorts_by_that_score_highest_first()
    {
        Seed();
        var cut = Open();
        var navigation = Navigation;
        cut.WaitForAssertion(() => Assert.Equal(4, Neurons(cut).Count), Wait);
        cut.FindAll("button.nv-sort").Single(b => b.TextContent.StartsWith("Random-only", StringComparison.Ordinal)).Click();
        // The sort reaches the address through the page's handler, which may finish after the click returns.
        cut.WaitForAssertion(() =>
        {
            Assert.Contains("score=random_only", navigation.Uri, StringComparison.Ordinal);
            Assert.Contains("sort=-score", navigation.Uri, StringComparison.Ordinal);
        }, Wait);
    }

    [Fact]
    public void Bad_filters_in_the_address_are_named_and_ignored()
    {
        Seed();
        var cut = Open("?layer=one&min_score=0.6");
        cut.WaitForAssertion(() => Assert.Equal(["1:1"], Neurons(cut)), Wait);
        Assert.Contains("layer must be a whole number 0 or more, not 'one'.", cut.Find(".nv-alert-warn").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void No_match_and_an_empty_store_each_say_so()
    {
        var empty = Open();
        Assert.Contains("No neurons yet", empty.Find(".nv-empty-state").TextContent, StringComparison.Ordinal);

        Seed();
        var cut = Open("?q=no%20such%20words");
        cut.WaitForAssertion(() => Assert.Contains("No neuron matches these filters.", cut.Markup, StringComparison.Ordinal), Wait);
    }
}
