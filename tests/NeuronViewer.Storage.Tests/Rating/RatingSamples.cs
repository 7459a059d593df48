using NeuronViewer.Core.Records;
using NeuronViewer.Storage.Explanations;
using NeuronViewer.Storage.Rating;

namespace NeuronViewer.Storage.Tests.Rating;

/// <summary>Neurons with records and explanations, and a study over them, stored through the real repositories.</summary>
internal static class RatingSamples
{
    public static readonly AnnotatorRef Ada = new("u-ada", "Ada");
    public static readonly AnnotatorRef Bo = new("u-bo", "Bo");
    public static readonly AnnotatorRef Cy = new("u-cy", "Cy");

    /// <summary>Stores records for the neurons and <paramref name="explanations"/> explainer explanations for each.</summary>
    public static void Neurons(NeuronViewerStore store, IEnumerable<NeuronId> neurons, int explanations = 5)
    {
        var run = store.Runs.Create(Samples.Run());
        foreach (var neuron in neurons)
        {
            store.Records.Save(run, Samples.Record(neuron, neuron.NeuronIndex + 1));
            store.Explanations.AddMany(Enumerable.Range(0, explanations).Select(i => new StoredExplanation
            {
                Neuron = neuron, Text = $"idea {i} of {neuron}", Source = ExplanationSource.Explainer, SampleIndex = i, Backend = Samples.Explainer,
            }));
        }
    }

    /// <summary>A study of the explainer's five candidates for each neuron, with the annotators, opened when asked.</summary>
    public static long Study(NeuronViewerStore store, IReadOnlyList<NeuronId> neurons, AnnotatorRef[] annotators, int perTask = 2, bool open = true)
    {
        var composer = new StudyComposer(store);
        var study = new Study { Name = "pilot", Instructions = "Rate how well each explanation captures the activations.", Annotators = [.. annotators], AnnotatorsPerTask = perTask };
        var plan = composer.Plan(study, new NeuronSelection { Neurons = neurons }, new CandidatePlan());
        var id = composer.Create(plan);
        if (open)
            store.Studies.Open(id);
        return id;
    }

    /// <summary>A complete rating: candidate c rated <paramref name="ratings"/>[c], ranked by rating (ties in task order).</summary>
    public static RatingSubmission Complete(RatingTask task, string annotator, params int[] ratings) => new()
    {
        TaskId = task.Id, AnnotatorId = annotator, Ratings = [.. ratings],
        Ranking = Enumerable.Range(0, ratings.Length).OrderByDescending(c => ratings[c]).ThenBy(c => c).ToList(),
        PresentationOrder = [.. SeededOrder.Candidates(annotator, task.Id, ratings.Length)],
    };
}
