using NeuronViewer.Core.Records;
using NeuronViewer.Core.Summaries;

namespace NeuronViewer.Core.Tests.Summaries;

/// <summary>A token look-up table from records: means per exact token string, highest first.</summary>
public class TokenLookupTablesTests
{
    private static readonly ActivationRecord[] Records =
    [
        new([" a", " b", "b", " c"], [5, 1, 3, 0]),
        new([" a", " b", " d", " a"], [1, 2, double.NaN, 3]),
    ];

    [Fact]
    public void Means_per_exact_token_highest_first_with_ordinal_ties()
    {
        var table = TokenLookupTables.FromRecords(Records);
        Assert.Equal([" a", "b", " b", " c"], table.Tokens);
        Assert.Equal([3.0, 3.0, 1.5, 0.0], table.AverageActivations);
    }

    [Fact]
    public void Size_and_minimum_count_limit_the_table()
    {
        Assert.Equal([" a"], TokenLookupTables.FromRecords(Records, size: 1).Tokens);
        var frequent = TokenLookupTables.FromRecords(Records, minCount: 2);
        Assert.Equal([" a", " b"], frequent.Tokens);
        Assert.Equal([3.0, 1.5], frequent.AverageActivations);
        Assert.Empty(TokenLookupTables.FromRecords([]).Tokens);
        Assert.Throws<ArgumentOutOfRangeException>(() => TokenLookupTables.FromRecords(Records, minCount: 0));
    }
}
