using Bunit;
using NeuronViewer.Core.Records;
using NeuronViewer.Pipeline.Subject;
using NeuronViewer.Web.Components.Pages.Neurons;
using NeuronViewer.Web.Neurons;

namespace NeuronViewer.Web.Tests.Neurons;

public class TryTextTests : PagesTestContext
{
    private static readonly NeuronId Neuron = new(2, 17);
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(60);

    private IRenderedComponent<NeuronPage> Open(string model = "bundled")
    {
        var run = NeuronSeed.Run(Store, model, model == "bundled" ? SubjectModelHost.Revision("bundled") : "r1");
        NeuronSeed.Neuron(Store, run, Neuron);
        var cut = Render<NeuronPage>(p => p.Add(x => x.Layer, "2").Add(x => x.Index, "17"));
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll(".nv-expl")), Wait);
        return cut;
    }

    private static async Task Run(IRenderedComponent<NeuronPage> cut, string text)
    {
        // Panes keep loading and redrawing around the form: find each element just before using it, on the renderer's thread.
        await cut.InvokeAsync(() => cut.Find("#nv-try-text").Input(text));
        await cut.InvokeAsync(() => cut.Find(".nv-try-form").Submit());
    }

    [Fact]
    public async Task Typed_text_runs_through_the_subject_model_and_shows_this_neurons_activations_beside_the_simulation()
    {
        var cut = Open();
        await Run(cut, "The cat sat on the mat in 1962.");
        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("#try .nv-try-result")), Wait);

        var result = cut.Find("#try .nv-try-result");
        Assert.Contains("Simulated by the offline baseline (lexical", result.TextContent, StringComparison.Ordinal);
        Assert.Contains("not a language model", result.TextContent, StringComparison.Ordinal);
        var real = result.QuerySelector("[aria-label='Real activations, excerpt 1']")!;
        var tokens = real.QuerySelectorAll("span.nv-tok").Select(t => t.FirstChild!.TextContent).ToList();
        Assert.Equal("The cat sat on the mat in 1962.", string.Concat(tokens));
        Assert.NotNull(result.QuerySelector("[aria-label='Simulated activations, excerpt 1']"));

        // The values are the subject model's activations of this neuron, computed the same way as the host's own path.
        var host = Services.GetService(typeof(SubjectModelHost)) as SubjectModelHost;
        var expected = await host!.ActivationsAsync("The cat sat on the mat in 1962.", Neuron.LayerIndex).ConfigureAwait(true);
        var expectedValues = expected.Neuron(Neuron.NeuronIndex);
        var titles = real.QuerySelectorAll("span.nv-tok").Select(t => t.GetAttribute("title")!.Replace(" (maximum)", "", StringComparison.Ordinal)).ToList();
        Assert.Equal(expectedValues.Select(v => NeuronViewer.Web.Viewer.ViewerFormat.Tooltip("Activation", v)), titles);
    }

    [Fact]
    public async Task Empty_text_gets_a_clear_error_without_running_anything()
    {
        var cut = Open();
        await Run(cut, "   ");
        cut.WaitForAssertion(() => Assert.Equal("Type some text first.", cut.Find("#try .nv-alert-error").TextContent), Wait);
        Assert.Empty(cut.FindAll("#try .nv-try-result"));
    }

    [Fact]
    public async Task Too_long_text_gets_a_clear_error()
    {
        var cut = Open();
        await Run(cut, new string('a', SubjectModelViews.MaxTextLength + 1));
        cut.WaitForAssertion(() => Assert.Contains("the limit is 4,000", cut.Find("#try .nv-alert-error").TextContent, StringComparison.Ordinal), Wait);
    }

    [Fact]
    public async Task A_neuron_collected_from_another_model_is_not_run_through_the_loaded_one()
    {
        var cut = Open(model: "gpt2-xl");
        await Run(cut, "Some text");
        cut.WaitForAssertion(() => Assert.Contains("collected from “gpt2-xl”", cut.Find("#try .nv-alert-error").TextContent, StringComparison.Ordinal), Wait);
        Assert.Empty(cut.FindAll("#try .nv-try-result"));
    }
}
