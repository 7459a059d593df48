using System.Text;
using NeuronViewer.Core.Records;
using NeuronViewer.Pipeline.Exchange;
using NeuronViewer.Storage;
using NeuronViewer.Storage.Explanations;

namespace NeuronViewer.Pipeline.Tests;

public sealed class ImportTests : IDisposable
{
    private static readonly NeuronId Real = new(1, 1);
    private readonly string folder = Path.Combine(Path.GetTempPath(), "nv-import-tests", Guid.NewGuid().ToString("N"));
    private readonly NeuronViewerStore store;

    public ImportTests() => store = NeuronViewerStore.Open(folder);

    public void Dispose()
    {
        store.Dispose();
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public void A_folder_in_the_public_layout_imports_records_explanations_and_scores_with_provenance()
    {
        var source = ExchangeData.Folder(
            ("collated-activations/1/1.json", Encoding.UTF8.GetString(ExchangeData.RealRecordBytes)),
            ("explanations/1/1.jsonl", ExchangeData.ResultsLine(Real)),
            ("README.md.json.bak", "not a neuron"));

        var report = new OpenAiImporter(store).ImportFolder(source, new ImportOptions { SubjectModel = "gpt2-xl", Dataset = "webtext" });

        Assert.Equal((1, 2, 2), (report.Records, report.Explanations, report.Scores));
        var stored = store.Records.Get(Real)!;
        Assert.Equal(ExchangeData.RealRecord.MostPositiveActivationRecords[0].Activations, stored.Record.MostPositiveActivationRecords[0].Activations);
        var run = store.Runs.Get(stored.RunId)!;
        Assert.Equal(("gpt2-xl", "webtext", "imported", 64), (run.SubjectModel, run.Dataset, run.Source, run.ExcerptLength));
        Assert.Equal([1], run.Layers);
        var row = store.Summaries.Get(Real)!;
        Assert.Equal(("religious words", 0.5, 2), (row.BestExplanation, row.TopAndRandomScore, row.ExplanationCount));
        Assert.All(store.Explanations.ForNeuron(Real), e => Assert.Equal(ExplanationSource.Imported, e.Source));
        Directory.Delete(source, recursive: true);
    }

    [Fact]
    public void One_bad_file_refuses_the_whole_import_and_every_problem_is_named()
    {
        var record = Encoding.UTF8.GetString(ExchangeData.RealRecordBytes);
        var files = new[]
        {
            ImportFile.FromBytes("1/1.json", ExchangeData.RealRecordBytes),
            ImportFile.FromBytes("2/5.json", Encoding.UTF8.GetBytes(record)),
            ImportFile.FromBytes("3/3.json", Encoding.UTF8.GetBytes(record.Replace("\"NeuronRecord\"", "\"NeuronRecordX\"", StringComparison.Ordinal))),
            ImportFile.FromBytes("4.json", Encoding.UTF8.GetBytes(record[..1000])),
            ImportFile.FromBytes("5.json", Encoding.UTF8.GetBytes(record.Replace("[-0.0762, ", "[NaN, ", StringComparison.Ordinal))),
            ImportFile.FromBytes("1/1.jsonl", Encoding.UTF8.GetBytes(ExchangeData.ResultsLine(Real))),
            new ImportFile("big.json", 1L << 40, () => throw new InvalidOperationException("must not be opened")),
        };

        var e = Assert.Throws<ImportException>(() => new OpenAiImporter(store).Import(files));

        Assert.Equal(5, e.Problems.Count);
        Assert.Equal("2/5.json: holds neuron 1:1 but its path names 2:5", e.Problems[0]);
        Assert.StartsWith("3/3.json: ", e.Problems[1]);
        Assert.Contains("NeuronRecordX", e.Problems[1]);
        Assert.StartsWith("4.json: Malformed JSON", e.Problems[2]);
        Assert.Matches(@"^5\.json: [a-z_]+\[\d+\]\.activations\[\d+\] is not a finite number$", e.Problems[3]);
        Assert.StartsWith("big.json: is 1,099,511,627,776 bytes; the limit is", e.Problems[4]);
        Assert.StartsWith("5 problems; nothing was imported. First: 2/5.json", e.Message);
        Assert.Equal((0, 0, 0), (store.Records.Count(), store.Explanations.Count(), store.Runs.List().Count));
        Assert.Equal(0, store.Summaries.Count);
    }

    [Fact]
    public void Two_files_for_one_neuron_and_an_empty_upload_are_refused()
    {
        var twice = Assert.Throws<ImportException>(() => new OpenAiImporter(store).Import(
            [ImportFile.FromBytes("a.json", ExchangeData.RealRecordBytes), ImportFile.FromBytes("b.json", ExchangeData.RealRecordBytes)]));
        Assert.Equal("b.json: neuron 1:1 is also in a.json", Assert.Single(twice.Problems));
        Assert.Equal("There are no .json or .jsonl files to import.", Assert.Throws<ImportException>(() => new OpenAiImporter(store).Import([])).Message);
    }

    [Fact]
    public void Importing_explanations_again_replaces_the_imported_ones_and_keeps_human_written_ones()
    {
        var importer = new OpenAiImporter(store);
        importer.Import([ImportFile.FromBytes("1/1.jsonl", Encoding.UTF8.GetBytes(ExchangeData.ResultsLine(Real, "old ")))]);
        store.Explanations.Add(new StoredExplanation { Neuron = Real, Text = "mine", Source = ExplanationSource.HumanWritten });

        importer.Import([ImportFile.FromBytes("1/1.jsonl", Encoding.UTF8.GetBytes(ExchangeData.ResultsLine(Real, "new ")))]);

        Assert.Equal(["mine", "new tokens after 'the'", "new religious words"], store.Explanations.ForNeuron(Real).Select(e => e.Text));
        Assert.Equal(2, store.Scores.ForNeuron(Real).Count);
        Assert.Equal(3, store.Summaries.Get(Real)!.ExplanationCount);
        Assert.False(store.Records.Exists(Real));
    }
}
