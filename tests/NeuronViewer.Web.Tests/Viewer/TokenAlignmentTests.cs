using NeuronViewer.Web.Viewer;

namespace NeuronViewer.Web.Tests.Viewer;

public class TokenAlignmentTests
{
    [Fact]
    public void Matching_tokens_give_no_warning() => Assert.Null(TokenAlignment.Warning(["a", " b"], ["a", " b"]));

    [Fact]
    public void The_warning_names_the_first_differing_position_and_both_tokens()
    {
        var warning = TokenAlignment.Warning(["a", " b", "\n", " d"], ["a", " x", " y", " d", " e"])!;
        Assert.Equal("Simulated tokens do not line up at 2 positions, the first at position 1: real “ b”, simulated “ x”; " +
                     "the simulation has 5 tokens but the excerpt has 4.", warning);
        Assert.Equal([1, 2], TokenAlignment.MismatchedPositions(["a", " b", "\n"], ["a", " x", " y"]));
    }

    [Fact]
    public void Splitting_evaluated_excerpts_uses_halves_when_there_are_no_labels()
    {
        var record = new NeuronViewer.Core.Records.ActivationRecord(["a"], [1.0]);
        var excerpts = Enumerable.Range(0, 5).Select(_ => new SimulatedExcerpt { Real = record }).ToArray();
        var groups = SimulatedExcerptGroups.Split(excerpts);
        Assert.Equal(["Top", "Random"], groups.Select(g => g.Label));
        Assert.Equal([0, 1, 2], groups[0].Items.Select(i => i.Index));
        Assert.Equal([3, 4], groups[1].Items.Select(i => i.Index));
    }
}
