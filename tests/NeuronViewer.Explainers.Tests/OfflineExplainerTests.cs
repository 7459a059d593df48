using NeuronViewer.Core.Abstractions;
using NeuronViewer.Core.Records;
using NeuronViewer.Core.Summaries;
using NeuronViewer.Explainers.Offline;

namespace NeuronViewer.Explainers.Tests;

/// <summary>The offline explainer's token look-up table: the request's when given (spec §6.3, offline), else one computed from the train records.</summary>
public sealed class OfflineExplainerTests
{
    private static IReadOnlyList<ActivationRecord> Train() =>
        BaselineAndScoringTests.OfNeuron().MostPositiveActivationRecords.Where((_, i) => i % 4 == 0).ToList();

    [Fact]
    public async Task A_given_look_up_table_supplies_the_token_candidates()
    {
        var table = new TokenLookupTableSummaryOfNeuron([" moon", "Moon", " star", " sun"], [3.0, 2.5, 2.0, -1.0]);
        var result = await new StatisticsExplainer().ExplainAsync(new ExplainRequest(new NeuronId(3, 7), Train(), 5, table));
        Assert.False(result.Failed);
        Assert.Contains(result.Explanations, e => e.Contains("\"moon\"", StringComparison.Ordinal));
        Assert.DoesNotContain(result.Explanations, e => e.Contains("\"sun\"", StringComparison.Ordinal));
        // "of" is the firing token of the train records, but the table (not the records) names the tokens.
        Assert.DoesNotContain(result.Explanations, e => e.StartsWith("the token \"of\"", StringComparison.Ordinal) || e.StartsWith("the tokens \"of\"", StringComparison.Ordinal));
        Assert.Equal(["moon", "star"], StatisticsExplainer.TableKeys(table));
    }

    [Fact]
    public async Task Without_a_table_the_train_records_table_is_used()
    {
        var train = Train();
        var explainer = new StatisticsExplainer();
        var implicitTable = await explainer.ExplainAsync(new ExplainRequest(new NeuronId(3, 7), train, 5));
        var explicitTable = await explainer.ExplainAsync(new ExplainRequest(new NeuronId(3, 7), train, 5, TokenLookupTables.FromRecords(train)));
        Assert.Equal(explicitTable.Explanations, implicitTable.Explanations);
        Assert.Equal("the token \"of\"", implicitTable.Explanations[0]);

        // A rare token that always fires outranks a frequent one that fires on average less (means, not sums).
        ActivationRecord R(params (string T, double A)[] x) => new([.. x.Select(p => p.T)], [.. x.Select(p => p.A)]);
        var records = new[] { R((" a", 6), (" x", 0), (" a", 6)), R((" a", 6), (" b", 10)), R((" a", 0), (" x", 0)) };
        Assert.Equal(["b", "a"], StatisticsExplainer.TableKeys(TokenLookupTables.FromRecords(records)));
    }

    private static ActivationRecord R(params (string T, double A)[] x) => new([.. x.Select(p => p.T)], [.. x.Select(p => p.A)]);

    private static async Task<IReadOnlyList<string>> Explain(params ActivationRecord[] records) =>
        (await new StatisticsExplainer().ExplainAsync(new ExplainRequest(new NeuronId(0, 0), records, 5))).Explanations;

    [Fact]
    public async Task Number_statistics_give_thresholds_and_years_that_the_simulator_reads_back()
    {
        var large = new[]
        {
            R((" was", 0), (" ", 0), ("2", 8), (",", 8), ("000", 8), (",", 8), ("560", 8), (" dollars", 0)),
            R((" only", 0), (" 12", 0), (" people", 0), (" and", 0), (" 900", 0)),
            R((" about", 0), (" 5", 7), (",", 7), ("000", 7), (",", 7), ("000", 7), (" people", 0)),
        };
        var candidates = await Explain(large);
        Assert.Contains("numbers greater than one million", candidates);
        var sim = await new LexicalSimulator().SimulateAsync("numbers greater than one million", large[0].Tokens);
        Assert.Equal([0, 0, 8, 8, 8, 8, 8, 0], sim.Simulation!.ExpectedActivations);

        var years = await Explain(R((" in", 0), (" 1687", 9), (" and", 0), (" 12", 0)), R((" by", 0), (" 2028", 9), (" with", 0), (" 3", 0)));
        Assert.Contains("years", years);
    }

    [Fact]
    public async Task Candidates_are_diverse_and_a_single_punctuation_token_is_a_character()
    {
        var candidates = await Explain(
            R((" if", 0), (" x", 0), (" <", 10), (" y", 0), (":", 0)), R((" while", 0), (" i", 0), (" <", 9), (" n", 0), (":", 0)));
        Assert.Equal("the character \"<\"", candidates[0]);
        Assert.Contains("less-than signs", candidates);

        var of = await new StatisticsExplainer().ExplainAsync(new ExplainRequest(new NeuronId(3, 7), Train(), 5));
        var tokenFamily = of.Explanations.Count(e => (e.StartsWith("the token \"", StringComparison.Ordinal) || e.StartsWith("the tokens ", StringComparison.Ordinal))
            && !e.Contains(" and the word after ", StringComparison.Ordinal));
        Assert.Equal(5, of.Explanations.Count);
        Assert.True(tokenFamily <= 2, string.Join(" | ", of.Explanations));
    }
}
