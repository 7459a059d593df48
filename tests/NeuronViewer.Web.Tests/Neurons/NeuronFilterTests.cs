using NeuronViewer.Core.Records;
using NeuronViewer.Storage.Summaries;
using NeuronViewer.Web.Neurons;

namespace NeuronViewer.Web.Tests.Neurons;

public class NeuronFilterTests
{
    private static (NeuronFilter Filter, IReadOnlyList<ParameterProblem> Problems) Parse(params (string Name, string Value)[] values) =>
        NeuronFilter.Parse(name => values.FirstOrDefault(v => v.Name == name).Value);

    [Fact]
    public void Every_parameter_maps_to_the_storage_query()
    {
        var (filter, problems) = Parse(("layer", "3"), ("min_score", "0.25"), ("max_score", "0.9"), ("q", "  years "), ("score", "random_only"), ("sort", "-max_activation"));
        Assert.Empty(problems);
        var query = filter.ToQuery(100, 50);
        Assert.Equal(3, query.Layer);
        Assert.Equal((0.25, 0.9), (query.MinScore!.Value, query.MaxScore!.Value));
        Assert.Equal("years", query.Text);
        Assert.Equal(ScoreKind.RandomOnly, query.ScoreKind);
        Assert.Equal((NeuronSort.MaxActivation, true), (query.Sort, query.Descending));
        Assert.Equal((100, 50), (query.Skip, query.Take));
    }

    [Fact]
    public void No_parameters_mean_every_neuron_by_neuron_order()
    {
        var (filter, problems) = Parse();
        Assert.Empty(problems);
        Assert.True(filter.IsUnfiltered);
        Assert.Equal(NeuronFilter.Default, filter);
        Assert.All(filter.ToParameters().Values, Assert.Null);
    }

    [Theory]
    [InlineData("layer", "-1")]
    [InlineData("layer", "two")]
    [InlineData("min_score", "high")]
    [InlineData("max_score", "NaN")]
    [InlineData("score", "best")]
    [InlineData("sort", "-colour")]
    public void A_bad_parameter_is_named_and_the_valid_ones_are_kept(string name, string value)
    {
        var (filter, problems) = Parse((name, value), ("q", "cats"));
        var problem = Assert.Single(problems);
        Assert.Equal(name, problem.Parameter);
        Assert.Contains(value, problem.Message, StringComparison.Ordinal);
        Assert.StartsWith(name, problem.Message, StringComparison.Ordinal);
        Assert.Equal("cats", filter.Text);
    }

    [Fact]
    public void A_range_the_wrong_way_round_is_a_problem_of_min_score()
    {
        var (filter, problems) = Parse(("min_score", "0.8"), ("max_score", "0.2"));
        Assert.Equal("min_score", Assert.Single(problems).Parameter);
        Assert.Null(filter.MinScore);
        Assert.Equal(0.2, filter.MaxScore);
    }

    [Fact]
    public void Too_long_a_search_text_is_refused()
    {
        var (_, problems) = Parse(("q", new string('x', NeuronFilter.MaxTextLength + 1)));
        Assert.Equal("q", Assert.Single(problems).Parameter);
    }

    [Fact]
    public void The_url_parameters_read_back_to_the_same_filter()
    {
        var filter = new NeuronFilter { Layer = 0, MinScore = -0.125, MaxScore = 1e-3, Text = "a & b=c", ScoreKind = ScoreKind.Ablation, Sort = NeuronSort.Score, Descending = true };
        var parameters = filter.ToParameters();
        var (back, problems) = NeuronFilter.Parse(name => parameters[name]?.ToString());
        Assert.Empty(problems);
        Assert.Equal(filter, back);
        Assert.Equal("-score", parameters["sort"]);
        Assert.Equal("ablation", parameters["score"]);
    }

    [Theory]
    [InlineData("3:117", 3, 117)]
    [InlineData(" 3/117 ", 3, 117)]
    [InlineData("3 117", 3, 117)]
    [InlineData("0,0", 0, 0)]
    public void A_typed_neuron_address_is_read(string text, int layer, int index)
    {
        Assert.True(NeuronAddress.TryParse(text, out var neuron));
        Assert.Equal(new NeuronId(layer, index), neuron);
        Assert.Equal($"/neurons/{layer}/{index}", NeuronAddress.PageOf(neuron));
    }

    [Theory]
    [InlineData("")]
    [InlineData("3")]
    [InlineData("-1:2")]
    [InlineData("3:117:2")]
    [InlineData("a:b")]
    public void Anything_else_is_not_a_neuron_address(string text) => Assert.False(NeuronAddress.TryParse(text, out _));
}
