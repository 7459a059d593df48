using System.CommandLine;
using System.Globalization;
using NeuronViewer.Pipeline.Exchange;

namespace NeuronViewer.Cli.Commands;

/// <summary><c>import</c>: OpenAI public-dataset files (NeuronRecord .json, explanation .jsonl) from a folder or files, all or nothing.</summary>
public static class ImportCommand
{
    public static Command Create()
    {
        var from = new Argument<string[]>("path") { Description = "A folder laid out as {layer}/{neuron}.json[l], or such files.", Arity = ArgumentArity.OneOrMore };
        var subject = new Option<string?>("--subject-model") { Description = "The subject model the files describe (e.g. gpt2-xl), recorded as provenance." };
        var dataset = new Option<string?>("--dataset") { Description = "The dataset the excerpts came from, recorded as provenance." };
        var command = new Command("import", "Import OpenAI public-dataset files into the database (every file checked first; nothing written on any problem).") { from, subject, dataset };
        command.SetAction((parse, ct) => CommandErrors.Guard(parse, async (stdout, _, _) =>
        {
            var paths = parse.GetValue(from)!;
            var options = new ImportOptions();
            if (parse.GetValue(subject) is { } s) options = options with { SubjectModel = s };
            if (parse.GetValue(dataset) is { } d) options = options with { Dataset = d };
            await using var services = CliServices.Create(parse);
            var importer = new OpenAiImporter(services.Store);
            ImportReport report;
            if (paths.Length == 1 && Directory.Exists(paths[0]))
            {
                report = importer.ImportFolder(paths[0], options);
            }
            else
            {
                var missing = paths.FirstOrDefault(p => !File.Exists(p));
                if (missing is not null) throw new UsageException($"'{missing}' is neither a folder nor a file.");
                report = importer.Import(paths.Select(p => new ImportFile(p.Replace('\\', '/'), new FileInfo(p).Length, () => File.OpenRead(p))).ToList(), options);
            }
            var run = report.RunId is { } r ? $" (run {r})" : "";
            var skipped = report.Skipped.Count > 0 ? $"; skipped {report.Skipped.Count} file(s) not laid out as {{layer}}/{{neuron}}" : "";
            await stdout.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"imported {report.Records:N0} records, {report.Explanations:N0} explanations, {report.Scores:N0} scores{run}{skipped}"));
            return 0;
        }, ct));
        return command;
    }
}
