using NeuronViewer.Explainers.Tests.Fake;

namespace NeuronViewer.Explainers.Tests.Support;

/// <summary>Builds chat replies of <c>token\tvalue</c> lines with per-token log-probs, as a chat model would return them.</summary>
internal static class Lines
{
    public static IReadOnlyList<(string Token, double Logprob)> Certain(string token) => [(token, 0.0)];

    /// <summary>One line: the token piece, a TAB, the value pieces (each with its top alternatives), then a newline.</summary>
    public static IEnumerable<(string, IReadOnlyList<(string, double)>)> Line(string token, params (string Piece, IReadOnlyList<(string, double)> Top)[] value)
    {
        yield return (token, Certain(token));
        yield return ("\t", Certain("\t"));
        foreach (var v in value)
            yield return (v.Piece, v.Top);
        yield return ("\n", Certain("\n"));
    }

    public static (string, IReadOnlyList<(string, double)>) Value(string sampled, params (string Token, double P)[] top) =>
        (sampled, top.Length == 0 ? Certain(sampled) : [.. top.Select(t => (t.Token, Math.Log(t.P)))]);

    /// <summary>The target tokens of a line-format request (the lines after the last "Tokens:").</summary>
    public static List<string> TargetTokens(System.Text.Json.Nodes.JsonObject body)
    {
        var last = body["messages"]!.AsArray().Last(m => m!["role"]!.GetValue<string>() == "user")!["content"]!.GetValue<string>();
        return [.. last[(last.LastIndexOf("Tokens:\n", StringComparison.Ordinal) + 8)..].Split('\n')];
    }

    public static FakeReply Reply(IEnumerable<(string, IReadOnlyList<(string, double)>)> pieces, string finish = "stop") =>
        FakeReply.ChatWithLogprobs(100, [.. pieces], finish);
}
