using System.CommandLine;
using System.Globalization;
using NeuronViewer.Pipeline.Exchange;

namespace NeuronViewer.Cli.Commands;

/// <summary><c>export</c>: everything stored as one JSON-lines file, or in OpenAI's public-dataset layout.</summary>
public static class ExportCommand
{
    public static Command Create()
    {
        var format = new Option<string>("--format") { Description = "jsonl (one file) or openai (the public-dataset folder layout).", DefaultValueFactory = _ => "jsonl" };
        format.AcceptOnlyFromAmong("jsonl", "openai");
        var output = new Option<string>("--out") { Description = "The file (jsonl) or folder (openai) to write.", Required = true };
        var command = new Command("export", "Export neurons, explanations, scores and ratings (written to a temporary name, then moved into place).") { format, output };
        command.SetAction((parse, ct) => CommandErrors.Guard(parse, async (stdout, _, token) =>
        {
            var path = parse.GetValue(output)!;
            await using var services = CliServices.Create(parse);
            if (parse.GetValue(format) == "openai")
            {
                var r = new OpenAiLayoutExporter(services.Store).Write(path, token);
                await stdout.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"exported {r.Records:N0} records, {r.ExplanationFiles:N0} explanation files, {r.RelatedTokenFiles:N0} related-token files → {Path.GetFullPath(path)}"));
            }
            else
            {
                var lines = new JsonLinesExporter(services.Store).WriteFile(path, token);
                await stdout.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"exported {lines:N0} lines → {Path.GetFullPath(path)}"));
            }
            return 0;
        }, ct));
        return command;
    }
}
