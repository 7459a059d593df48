using NeuronViewer.Core.Records;
using NeuronViewer.Storage;
using NeuronViewer.Storage.Explanations;
using NeuronViewer.Storage.Rating;
using NeuronViewer.Storage.Runs;

namespace NeuronViewer.Web.Tests.Load;

/// <summary>An open study written through the Storage API: <c>tasks</c> neurons, each with a record and five candidates, every task assigned to every annotator.</summary>
public static class LoadStudy
{
    /// <summary>The neuron of task <paramref name="i"/>.</summary>
    public static NeuronId Neuron(int i) => new(1, 100 + i);

    public static long Create(NeuronViewerStore store, IReadOnlyList<AnnotatorRef> annotators, int tasks)
    {
        var run = store.Runs.Create(new CollectionRun { SubjectModel = "load-test", Dataset = "synthetic", ExcerptLength = 4 });
        var items = new List<RatingTask>();
        for (var t = 0; t < tasks; t++)
        {
            var neuron = Neuron(t);
            ActivationRecord Excerpt(string word, double peak) => new([" a", word, " sat", "."], [0, peak, 0.1, 0]);
            var top = Enumerable.Range(0, 8).Select(i => Excerpt($" cat{i}", 9 - i)).ToArray();
            var random = Enumerable.Range(0, 6).Select(i => Excerpt($" rug{i}", 0.2)).ToArray();
            store.Records.Save(run, new NeuronRecord(neuron, random, null, null, 0.5, 1, 0, 0, top));
            store.Explanations.AddMany(Enumerable.Range(0, 5).Select(c => new StoredExplanation
            {
                Neuron = neuron, Text = $"candidate {c} of neuron {neuron}", Source = ExplanationSource.Explainer, SampleIndex = c,
            }));
            items.Add(new RatingTask { Neuron = neuron, Candidates = store.Explanations.ForNeuron(neuron).Select(TaskCandidate.From).ToList() });
        }
        var study = new Study { Name = "Load study", Instructions = "Rate each explanation.", Annotators = [.. annotators], AnnotatorsPerTask = annotators.Count };
        var id = store.Studies.Create(study, items);
        store.Studies.Open(id);
        return id;
    }
}
