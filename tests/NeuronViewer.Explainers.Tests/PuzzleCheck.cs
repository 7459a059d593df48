using System.Text.Json.Nodes;
using NeuronViewer.Core.Abstractions;
using NeuronViewer.Core.Records;
using NeuronViewer.Core.Scoring;
using NeuronViewer.Explainers.Offline;
using Xunit.Abstractions;

namespace NeuronViewer.Explainers.Tests;

/// <summary>Runs only where ../shared holds the paper's puzzles.json (not copied: it has no licence).</summary>
public sealed class PuzzleFactAttribute : FactAttribute
{
    public PuzzleFactAttribute()
    {
        if (PuzzleCheck.Locate() is null)
            Skip = "shared/data/openai-neuron-explainer/puzzles.json not found next to the repository; optional puzzle check skipped";
    }
}

/// <summary>
/// The 19 neuron puzzles (spec §11) against the offline baselines. Solved (explainer): one of its five candidates shares
/// a content-word stem (4+ letters, generic words excluded) with the answer. Simulator: the answer's pooled correlation
/// beats every false explanation's.
/// </summary>
public sealed class PuzzleCheck(ITestOutputHelper output)
{
    private static readonly HashSet<string> Generic = ["word", "words", "phrase", "phrases", "instance", "instances", "relat", "nothing", "passage", "sentence", "token", "tokens", "particular", "mention", "general", "refer"];

    internal static string? Locate()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "data", "openai-neuron-explainer", "puzzles.json");
            if (File.Exists(candidate))
                return candidate;
        }
        return null;
    }

    [PuzzleFact]
    public async Task Offline_baselines_on_the_neuron_puzzles()
    {
        var puzzles = (JsonObject)JsonNode.Parse(await File.ReadAllTextAsync(Locate()!))!;
        Assert.Equal(19, puzzles.Count);
        int solved = 0, trueFirst = 0, pairsWon = 0, pairs = 0;
        var simulator = new LexicalSimulator();
        foreach (var (name, node) in puzzles)
        {
            var records = node!["sentences"]!.AsArray().Select(s => new ActivationRecord(
                [.. s!.AsArray().Select(t => t is JsonArray a ? a[0]!.GetValue<string>() : t!.GetValue<string>())],
                [.. s.AsArray().Select(t => t is JsonArray a ? a[1]!.GetValue<double>() : 0.0)])).ToList();
            var answer = node["explanation"]!.GetValue<string>();
            var explained = await new StatisticsExplainer().ExplainAsync(new ExplainRequest(new NeuronId(0, 0), records, 5));
            var hit = explained.Explanations.FirstOrDefault(c => Stems(c).Overlaps(Stems(answer)));
            solved += hit is null ? 0 : 1;
            var truth = await Correlation(simulator, answer, records);
            var falses = new List<double>();
            foreach (var f in node["false_explanations"]!.AsArray())
                falses.Add(await Correlation(simulator, f!.GetValue<string>(), records));
            trueFirst += falses.All(f => truth > f) ? 1 : 0;
            pairsWon += falses.Count(f => truth > f);
            pairs += falses.Count;
            output.WriteLine($"{name,-11} explainer: {(hit is null ? "-" : "solved")} [{string.Join(" | ", explained.Explanations)}]  true r={truth:F2} false r=[{string.Join(", ", falses.Select(f => f.ToString("F2", System.Globalization.CultureInfo.InvariantCulture)))}]");
        }
        output.WriteLine($"explainer solved {solved}/19; true explanation ranked first {trueFirst}/19; true beats false in {pairsWon}/{pairs} pairs");
        Assert.InRange(solved, 0, 19);
        Assert.True(pairsWon > 0, "the offline simulator never preferred a true explanation");
    }

    private static async Task<double> Correlation(ISimulator simulator, string explanation, List<ActivationRecord> records)
    {
        var predicted = new List<double>();
        foreach (var r in records)
            predicted.AddRange((await simulator.SimulateAsync(explanation, r.Tokens)).Simulation!.ExpectedActivations);
        var r2 = ScoreFunctions.EvCorrelation([.. records.SelectMany(r => r.Activations)], predicted);
        return double.IsNaN(r2) ? -1 : r2;
    }

    private static HashSet<string> Stems(string text) =>
        [.. System.Text.RegularExpressions.Regex.Matches(text.ToLowerInvariant(), "[a-z]{4,}").Select(m => TokenClasses.Stem(m.Value)).Where(s => !Generic.Contains(s) && s.Length >= 4)];
}
