using Bunit;
using NeuronViewer.Core.Records;
using NeuronViewer.Web.Components.Viewer;
using NeuronViewer.Web.Viewer;

namespace NeuronViewer.Web.Tests.Viewer;

public class ExcerptGroupsTests : ViewerTestContext
{
    private static ActivationRecord Rec(double max) => new(["x", " y"], [0.0, max]);

    private static NeuronRecord Record() => new(
        new NeuronId(1, 2),
        RandomSample: [Rec(0.1), Rec(0.2), Rec(0.3)],
        RandomSampleByQuantile: [[Rec(0.05)], [Rec(0.6)], [Rec(1.2), Rec(1.3)], [Rec(2.0)], [Rec(3.0)]],
        QuantileBoundaries: [double.NaN, 0.5, 1.0, 1.5, 2.5, double.NaN],
        Mean: 0, Variance: 1, Skewness: 0, Kurtosis: 0,
        MostPositiveActivationRecords: [Rec(4.0), Rec(3.5), Rec(3.2), Rec(3.1), Rec(3.0), Rec(2.9)]);

    [Fact]
    public void Groups_follow_the_reference_labels_and_leave_out_the_top_bucket()
    {
        var groups = ExcerptGroupBuilder.Build(Record());
        Assert.Equal(
            ["Top", "Quantile range [0.99, 0.999] sample", "Quantile range [0.9, 0.99] sample", "Quantile range [0.5, 0.9] sample",
             "Quantile range [0, 0.5] sample", "Random sample"],
            groups.Select(g => g.Label));
        Assert.Equal([4, 1, 1, 1, 1, 2], groups.Select(g => g.DefaultCount));
        Assert.Equal(2.0, groups[1].Records[0].MaxActivation);
    }

    [Fact]
    public void Bucket_ranges_come_from_the_quantile_boundaries_with_open_ends()
    {
        var groups = ExcerptGroupBuilder.Build(Record());
        Assert.Equal("excerpt max 1.50 to 2.50", groups[1].RangeNote);
        Assert.Equal("excerpt max below 0.50", groups[4].RangeNote);
        Assert.Null(ExcerptGroupBuilder.RangeNote([0.1, 0.2], 0, 3));
    }

    [Fact]
    public void Other_bucket_counts_are_numbered_and_all_shown()
    {
        var record = Record() with { RandomSampleByQuantile = [[Rec(0.1)], [Rec(1.0)]], QuantileBoundaries = [0.0, 0.5, 2.0] };
        var labels = ExcerptGroupBuilder.Build(record).Select(g => g.Label).ToArray();
        Assert.Equal(["Top", "Quantile bucket 2 of 2 sample", "Quantile bucket 1 of 2 sample", "Random sample"], labels);
    }

    [Fact]
    public void Each_group_shows_its_default_count_and_show_more_reveals_the_rest()
    {
        var cut = Render<ExcerptGroups>(p => p.Add(x => x.Record, Record()));
        var top = cut.FindAll(".nv-group")[0];
        Assert.Equal(4, top.QuerySelectorAll(".nv-excerpt").Length);
        var button = top.QuerySelector("button.nv-link-button")!;
        Assert.Equal("show more", button.TextContent);
        Assert.Equal("false", button.GetAttribute("aria-expanded"));
        button.Click();
        top = cut.FindAll(".nv-group")[0];
        Assert.Equal(6, top.QuerySelectorAll(".nv-excerpt").Length);
        Assert.Equal("show less", top.QuerySelector("button.nv-link-button")!.TextContent);
        top.QuerySelector("button.nv-link-button")!.Click();
        Assert.Equal(4, cut.FindAll(".nv-group")[0].QuerySelectorAll(".nv-excerpt").Length);
        // A group with no more than its default count has no toggle.
        Assert.Null(cut.FindAll(".nv-group")[1].QuerySelector("button.nv-link-button"));
    }

    [Fact]
    public void All_groups_share_one_maximum_by_default_and_can_each_use_their_own()
    {
        var cut = Render<ExcerptGroups>(p => p.Add(x => x.Record, Record()));
        Rgb MaxTokenOfRandomGroup() => HeatColorsTests.ParseStyle(
            cut.FindAll(".nv-group")[5].QuerySelectorAll(".nv-tok")[1].GetAttribute("style")!).Background;
        Assert.Equal(HeatColorsTests.Rendered(0.1 / 4.0), MaxTokenOfRandomGroup()); // the random sample's first record (0.1) against the top max 4.0
        cut.FindAll("button.nv-seg").Single(b => b.TextContent == "Each group its own maximum").Click();
        Assert.Equal(HeatColorsTests.Rendered(0.1 / 0.3), MaxTokenOfRandomGroup());
        Assert.Contains("colour max 0.30", cut.FindAll(".nv-group")[5].TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void A_record_without_quantiles_shows_top_and_random_only()
    {
        var record = Record() with { RandomSampleByQuantile = null, QuantileBoundaries = null };
        var cut = Render<ExcerptGroups>(p => p.Add(x => x.Record, record));
        Assert.Equal(["Top", "Random sample"], cut.FindAll("h3.nv-group-title").Select(h => h.TextContent));
    }
}
