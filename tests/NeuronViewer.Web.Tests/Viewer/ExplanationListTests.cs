using Bunit;
using NeuronViewer.Core.Abstractions;
using NeuronViewer.Web.Components.Viewer;
using NeuronViewer.Web.Viewer;

namespace NeuronViewer.Web.Tests.Viewer;

public class ExplanationListTests : ViewerTestContext
{
    private static readonly BackendInfo Gpt = new("openai-chat", "gpt-4o", "v1", IsBaseline: false);
    private static readonly BackendInfo Baseline = new("token-lookup", "none", "v1", IsBaseline: true);

    private static readonly ExplanationView[] Candidates =
    [
        new("animals", 0.71, 0.48, null, Gpt),
        new("<b>bold</b> claims", null, 0.2, null, Baseline),
        new("weather", 0.1, null),
    ];

    [Fact]
    public void Scores_are_chips_with_a_dash_for_missing_ones_and_no_ablation_column_when_none_has_one()
    {
        var cut = Render<ExplanationList>(p => p.Add(x => x.Explanations, Candidates));
        var chips = cut.FindAll("label.nv-expl")[1].QuerySelectorAll(".nv-chip").Select(c => c.TextContent).ToArray();
        Assert.Equal(["top+random —", "random-only 0.20"], chips);
    }

    [Fact]
    public void The_ablation_column_appears_when_any_candidate_has_an_ablation_score()
    {
        var withAblation = Candidates.Select((c, i) => i == 0 ? c with { AblationScore = 0.33 } : c).ToArray();
        var cut = Render<ExplanationList>(p => p.Add(x => x.Explanations, withAblation));
        Assert.Equal("ablation 0.33", cut.FindAll("label.nv-expl")[0].QuerySelectorAll(".nv-chip")[2].TextContent);
        Assert.Equal("ablation —", cut.FindAll("label.nv-expl")[2].QuerySelectorAll(".nv-chip")[2].TextContent);
    }

    [Fact]
    public void A_baseline_backend_carries_a_baseline_badge_and_a_model_backend_does_not()
    {
        var cut = Render<ExplanationList>(p => p.Add(x => x.Explanations, Candidates));
        var items = cut.FindAll("label.nv-expl");
        Assert.Equal("openai-chat gpt-4o", items[0].QuerySelector(".nv-backend")!.TextContent);
        Assert.Null(items[0].QuerySelector(".nv-badge-baseline"));
        Assert.Equal("baseline", items[1].QuerySelector(".nv-badge-baseline")!.TextContent);
        Assert.Null(items[2].QuerySelector(".nv-backend"));
    }

    [Fact]
    public void Explanation_text_is_rendered_as_text()
    {
        var cut = Render<ExplanationList>(p => p.Add(x => x.Explanations, Candidates));
        Assert.Empty(cut.FindAll(".nv-expl-text b"));
        Assert.Equal("<b>bold</b> claims", cut.FindAll(".nv-expl-text")[1].TextContent);
    }

    [Fact]
    public void Choosing_a_candidate_selects_it_and_reports_its_index()
    {
        var reported = -1;
        var cut = Render<ExplanationList>(p => p
            .Add(x => x.Explanations, Candidates)
            .Add(x => x.SelectedIndex, 0)
            .Add(x => x.SelectedIndexChanged, (int i) => reported = i));
        var radios = cut.FindAll("input[type=radio]");
        Assert.True(radios[0].HasAttribute("checked"));
        Assert.Single(radios.Select(r => r.GetAttribute("name")).Distinct());
        radios[2].Change(true);
        Assert.Equal(2, reported);
        Assert.Contains("nv-expl-on", cut.FindAll("label.nv-expl")[2].ClassName, StringComparison.Ordinal);
        Assert.DoesNotContain("nv-expl-on", cut.FindAll("label.nv-expl")[0].ClassName, StringComparison.Ordinal);
    }
}
