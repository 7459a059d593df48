using Bunit;
using Microsoft.AspNetCore.Components;
using NeuronViewer.Core.Records;
using NeuronViewer.Pipeline.Subject;
using NeuronViewer.Web.Components.Pages.Neurons;

namespace NeuronViewer.Web.Tests.Neurons;

public class NeuronPageTests : PagesTestContext
{
    private static readonly NeuronId Neuron = new(1, 5);
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(90);

    private IRenderedComponent<NeuronPage> Open(NeuronId neuron) => Open(neuron.LayerIndex.ToString(), neuron.NeuronIndex.ToString());

    private IRenderedComponent<NeuronPage> Open(string layer, string index) =>
        Render<NeuronPage>(p => p.Add(x => x.Layer, layer).Add(x => x.Index, index));

    private void SeedThree(string model = "test-model", string revision = "r1")
    {
        var run = NeuronSeed.Run(Store, model, revision);
        NeuronSeed.Neuron(Store, run, new NeuronId(1, 4));
        NeuronSeed.Neuron(Store, run, Neuron);
        NeuronSeed.Neuron(Store, run, new NeuronId(2, 0));
    }

    [Fact]
    public void Explanations_are_listed_best_first_with_scores_ablation_and_where_they_came_from()
    {
        SeedThree();
        var cut = Open(Neuron);
        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll(".nv-expl").Count), Wait);
        // The header (overview) loads on its own, independently of the explanations.
        cut.WaitForAssertion(() => Assert.Equal(["/neurons/1/4", "/neurons/2/0"], cut.FindAll(".nv-prevnext a").Select(a => a.GetAttribute("href"))), Wait);

        var texts = cut.FindAll(".nv-expl .nv-expl-text").Select(e => e.TextContent).ToList();
        Assert.Equal([NeuronSeed.MarkupExplanation, NeuronSeed.PlainExplanation], texts);
        var first = cut.FindAll(".nv-expl")[0].TextContent;
        Assert.Contains("top+random 0.62", first, StringComparison.Ordinal);
        Assert.Contains("random-only 0.52", first, StringComparison.Ordinal);
        Assert.Contains("ablation 0.47", first, StringComparison.Ordinal);
        Assert.Contains("baseline", first, StringComparison.Ordinal);
        var details = cut.Find(".nv-details").TextContent;
        Assert.Contains("openai-chat gpt-4o-mini", details, StringComparison.Ordinal);
        Assert.Contains("linear: slope 0.50, intercept −0.25, fitted on 6 excerpts", details, StringComparison.Ordinal);
        Assert.Contains("1 failed", details, StringComparison.Ordinal);
        Assert.Contains("1 calibration excerpt failed", details, StringComparison.Ordinal);
        Assert.Contains("Neuron 1:5", cut.Find("h1").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void The_selected_explanations_excerpts_show_real_and_simulated_with_the_failed_one_and_its_raw_response()
    {
        SeedThree();
        var cut = Open(Neuron);
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("#simulation .nv-excerpt")), Wait);

        var groups = cut.FindAll("#simulation .nv-group-title").Select(h => h.TextContent).ToList();
        Assert.Equal(["Top 4 excerpts", "Random 4 excerpts"], groups);
        var failed = cut.Find("#simulation .nv-excerpt-failed");
        Assert.Contains("Excerpt 2", failed.TextContent, StringComparison.Ordinal);
        Assert.Contains(NeuronSeed.FailureReason, failed.TextContent, StringComparison.Ordinal);
        Assert.Equal(NeuronSeed.RawResponse, failed.QuerySelector("details pre")!.TextContent);
        Assert.DoesNotContain(cut.FindAll("#simulation .nv-excerpt"), e => e.TextContent.Contains("calibration", StringComparison.Ordinal));

        // Selecting the other explanation shows its excerpts (none failed).
        cut.FindAll(".nv-expl-radio")[1].Change(new ChangeEventArgs { Value = "1" });
        cut.WaitForAssertion(() => Assert.Contains(NeuronSeed.PlainExplanation, cut.Find("#simulation .nv-pane-sub").TextContent, StringComparison.Ordinal), Wait);
        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll("#simulation .nv-excerpt-failed")), Wait);
    }

    [Fact]
    public void Stacked_and_overlay_layouts_switch()
    {
        SeedThree();
        var cut = Open(Neuron);
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("#simulation .nv-excerpt")), Wait);
        Assert.Empty(cut.FindAll("#simulation .nv-overlay"));
        cut.FindAll("#simulation .nv-seg").Single(b => b.TextContent == "Overlay").Click();
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("#simulation .nv-overlay")), Wait);
    }

    [Fact]
    public void Markup_in_tokens_explanations_and_raw_responses_renders_as_text_everywhere()
    {
        SeedThree();
        var cut = Open(Neuron);
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("#simulation .nv-excerpt-failed")), Wait);
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("#examples .nv-heatmap")), Wait);
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("#related .nv-pill")), Wait);

        Assert.Empty(cut.FindAll("script"));
        Assert.DoesNotContain("<script>", cut.Markup, StringComparison.Ordinal);
        Assert.Contains(cut.FindAll(".nv-expl-text"), e => e.TextContent == NeuronSeed.MarkupExplanation);
        Assert.Contains(cut.FindAll("#examples span.nv-tok"), t => t.TextContent.StartsWith(NeuronSeed.Markup, StringComparison.Ordinal));
        Assert.Contains(cut.FindAll("#simulation span.nv-tok"), t => t.TextContent.StartsWith(NeuronSeed.Markup, StringComparison.Ordinal));
        Assert.Contains(cut.FindAll("#related .nv-pill"), p => p.TextContent.Contains(NeuronSeed.Markup, StringComparison.Ordinal));
    }

    [Fact]
    public void Dataset_examples_show_the_groups_and_the_statistics()
    {
        SeedThree();
        var cut = Open(Neuron);
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("#examples .nv-group-title")), Wait);
        var groups = cut.FindAll("#examples .nv-group-title").Select(g => g.TextContent).ToList();
        Assert.Equal("Top", groups[0]);
        Assert.Equal("Random sample", groups[^1]);
        Assert.Contains("Quantile range [0.99, 0.999] sample", groups);
        var facts = cut.Find("#examples .nv-facts").TextContent;
        Assert.Contains("4.00", facts, StringComparison.Ordinal);
        Assert.Contains("12.50", facts, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("1", "9")]
    [InlineData("7", "5")]
    public void An_unknown_neuron_says_not_found_with_what_is_stored(string layer, string index)
    {
        SeedThree();
        var cut = Open(layer, index);
        cut.WaitForAssertion(() => Assert.Contains($"Neuron {layer}:{index} not found", cut.Find("h1").TextContent, StringComparison.Ordinal), Wait);
        var hint = layer == "1" ? "Layer 1 has 2 stored neurons, indices 4–5." : "Stored layers: 1, 2.";
        cut.WaitForAssertion(() => Assert.Contains(hint, cut.Find(".nv-not-found").TextContent, StringComparison.Ordinal), Wait);
        Assert.Equal("/neurons", cut.Find(".nv-not-found a").GetAttribute("href"));
    }

    [Theory]
    [InlineData("abc", "1")]
    [InlineData("-1", "3")]
    [InlineData("1", "99999999999")]
    public void An_address_that_is_no_neuron_says_so(string layer, string index)
    {
        var cut = Open(layer, index);
        Assert.Contains("Not a neuron address", cut.Find("h1").TextContent, StringComparison.Ordinal);
        Assert.Contains($"“{layer}/{index}”", cut.Find(".nv-not-found").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void With_another_subject_model_loaded_the_weight_based_views_say_why_they_are_missing()
    {
        SeedThree(model: "gpt2-xl");
        var cut = Open(Neuron);
        cut.WaitForAssertion(() => Assert.Contains("collected from “gpt2-xl”", cut.Find("#related-neurons").TextContent, StringComparison.Ordinal), Wait);
        Assert.Contains("bundled", cut.Find("#related-neurons").TextContent, StringComparison.Ordinal);
        Assert.Empty(cut.FindAll("#related-neurons .nv-neuron-card"));
    }

    [Fact]
    public void With_its_subject_model_loaded_related_neurons_link_to_their_pages_and_show_their_best_explanation()
    {
        SeedThree(model: "bundled", revision: SubjectModelHost.Revision("bundled"));
        var cut = Open(Neuron);
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("#related-neurons .nv-neuron-card")), Wait);

        var links = cut.FindAll("#related-neurons .nv-neuron-card a").Select(a => a.GetAttribute("href")!).ToList();
        Assert.All(links, l => Assert.Matches(@"^/neurons/\d+/\d+$", l));
        var columns = cut.FindAll("#related-neurons .nv-related-col");
        Assert.All(columns[0].QuerySelectorAll("a"), a => Assert.StartsWith("/neurons/0/", a.GetAttribute("href"), StringComparison.Ordinal));
        Assert.All(columns[1].QuerySelectorAll("a"), a => Assert.Matches("^/neurons/[2-5]/", a.GetAttribute("href")!));
        cut.WaitForAssertion(() => Assert.Equal(4, cut.FindAll("#related .nv-pills-block").Count(b => !b.TextContent.Contains("Mean", StringComparison.Ordinal))), Wait);
    }
}
