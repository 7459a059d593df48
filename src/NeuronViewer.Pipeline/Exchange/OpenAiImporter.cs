using NeuronViewer.Core.Records;
using NeuronViewer.Storage;
using NeuronViewer.Storage.Explanations;
using NeuronViewer.Storage.Runs;
using NeuronViewer.Storage.Scores;

namespace NeuronViewer.Pipeline.Exchange;

/// <summary>
/// Imports OpenAI public-dataset files (NeuronRecord <c>.json</c>, explanation <c>.jsonl</c>) all or nothing: every file is
/// checked first, then everything is written in one transaction. Imported explanations replace earlier imported ones of the neuron.
/// </summary>
public sealed class OpenAiImporter(NeuronViewerStore store)
{
    /// <summary>Imports the files under a folder that follow the layout <c>…/{layer}/{neuron}.json[l]</c>; other files are listed as skipped.</summary>
    public ImportReport ImportFolder(string folder, ImportOptions? options = null)
    {
        var all = ImportFile.FromFolder(folder);
        var (layout, other) = (all.Where(f => f.NeuronFromPath is not null).ToList(), all.Where(f => f.NeuronFromPath is null).ToList());
        if (layout.Count == 0)
            throw new ImportException([$"The folder '{folder}' has no files laid out as {{layer}}/{{neuron}}.json or .jsonl."]);
        return Import(layout, options) with { Skipped = other.Select(f => f.Name).ToList() };
    }

    /// <summary>Imports uploaded or listed files; throws ImportException (nothing written) when any file has a problem.</summary>
    public ImportReport Import(IReadOnlyList<ImportFile> files, ImportOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(files);
        options ??= new ImportOptions();
        var layers = Validate(files, options);
        return store.Atomic(() =>
        {
            int? runId = null;
            var (records, explanations, scores) = (0, 0, 0);
            foreach (var file in files)
            {
                var content = OpenAiFiles.Read(file, options);
                if (content.Record is { } record)
                {
                    runId ??= store.Runs.Create(Run(options, record, files.Count, layers));
                    store.Records.Save(runId.Value, record);
                    records++;
                }
                if (content.Neuron is { } neuron)
                    store.Records.SaveRelatedTokens(neuron, content.LookupTable, content.WeightBased);
                foreach (var results in content.Explanations)
                {
                    store.Explanations.DeleteForNeuron(results.NeuronId, ExplanationSource.Imported);
                    for (var i = 0; i < results.ScoredExplanations.Count; i++)
                    {
                        var scored = results.ScoredExplanations[i];
                        var id = store.Explanations.Add(new StoredExplanation
                        {
                            Neuron = results.NeuronId, Text = scored.Explanation, Source = ExplanationSource.Imported, SampleIndex = i,
                        });
                        store.Scores.Save(new StoredScore { ExplanationId = id, Set = EvaluationSet.TopAndRandom, Simulation = scored.ScoredSimulation });
                        explanations++;
                        scores++;
                    }
                }
            }
            return new ImportReport(records, explanations, scores, runId, []);
        });
    }

    /// <summary>Reads every file once and lists all problems; returns the layers of the records.</summary>
    private static List<int> Validate(IReadOnlyList<ImportFile> files, ImportOptions options)
    {
        var problems = new List<string>();
        if (files.Count == 0)
            problems.Add("There are no .json or .jsonl files to import.");
        var records = new Dictionary<NeuronId, string>();
        var explanations = new Dictionary<NeuronId, string>();
        foreach (var file in files)
        {
            if (problems.Count >= options.MaxProblems)
                break;
            try
            {
                var content = OpenAiFiles.Read(file, options);
                if (content.Record is { } record && !records.TryAdd(record.NeuronId, file.Name))
                    problems.Add($"{file.Name}: neuron {record.NeuronId} is also in {records[record.NeuronId]}");
                foreach (var line in content.Explanations)
                {
                    if (!explanations.TryAdd(line.NeuronId, file.Name))
                        problems.Add($"{file.Name}: explanations of neuron {line.NeuronId} are also in {explanations[line.NeuronId]}");
                }
            }
            catch (Exception e) when (e is InvalidDataException or IOException or UnauthorizedAccessException)
            {
                problems.Add(e is InvalidDataException ? e.Message : $"{file.Name}: cannot be read ({e.Message})");
            }
        }
        if (problems.Count > 0)
            throw new ImportException(problems);
        return records.Keys.Select(n => n.LayerIndex).Distinct().Order().ToList();
    }

    private static CollectionRun Run(ImportOptions options, NeuronRecord first, int files, List<int> layers) => new()
    {
        Layers = layers,
        SubjectModel = options.SubjectModel, SubjectModelRevision = options.SubjectModelRevision, DType = options.DType,
        ActivationFunction = options.ActivationFunction, Dataset = options.Dataset, Source = "imported",
        ExcerptLength = first.MostPositiveActivationRecords.Concat(first.RandomSample).FirstOrDefault()?.Tokens.Count ?? 0,
        Notes = $"imported from {files} file(s)",
    };
}
