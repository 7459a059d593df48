using System.Security.Claims;
using Bunit;
using Bunit.TestDoubles;
using Microsoft.Extensions.DependencyInjection;
using NeuronViewer.Core.Abstractions;
using NeuronViewer.Core.Records;
using NeuronViewer.Storage;
using NeuronViewer.Storage.Explanations;
using NeuronViewer.Storage.Rating;
using NeuronViewer.Storage.Runs;
using NeuronViewer.Storage.Scores;
using NeuronViewer.Web.Rating;

namespace NeuronViewer.Web.Tests.Rating;

/// <summary>
/// A bunit context over a real LiteDB store in a temporary folder holding one neuron (record with top and random excerpts), five
/// candidates of different sources with scores, and an open study assigned to Ada and Bo; the signed-in user is set per test.
/// </summary>
public abstract class RatingTestContext : StoreTestContext
{
    public static readonly NeuronId Neuron = new(2, 7);
    public static readonly string[] Texts =
    [
        "the word cat", "animals and pets", "the tokens ' cat', ' dog'", "commas in long lists", "years in the 1900s",
    ];


    protected RatingTestContext()
        : base("rating-tests")
    {
        Services.AddSingleton(new RatingWork(Store));
        Services.AddSingleton(new StudyComposer(Store));
        Auth = AddAuthorization();
        Seed();
    }

    protected BunitAuthorizationContext Auth { get; }

    protected long StudyId { get; private set; }

    protected RatingTask Task => Store.RatingTasks.ForStudy(StudyId)[0];

    /// <summary>Signs in a user with a stable id (NameIdentifier) and a name.</summary>
    protected void SignIn(string id, string name)
    {
        Auth.SetAuthorized(name);
        Auth.SetClaims(new Claim(ClaimTypes.NameIdentifier, id), new Claim(ClaimTypes.Name, name));
    }


    private void Seed()
    {
        var run = Store.Runs.Create(new CollectionRun { SubjectModel = "test-gpt2", Dataset = "test", ExcerptLength = 4 });
        ActivationRecord Excerpt(string word, double peak) => new([" a", word, " sat", "."], [0, peak, 0.1, 0]);
        var top = Enumerable.Range(0, 8).Select(i => Excerpt(" cat" + i, 9 - i)).ToArray();
        var random = Enumerable.Range(0, 6).Select(i => Excerpt(" rug" + i, 0.2)).ToArray();
        Store.Records.Save(run, new NeuronRecord(Neuron, random, null, null, 0.5, 1, 0, 0, top));
        Store.Records.Save(run, new NeuronRecord(new NeuronId(5, 5), random, null, null, 0.5, 1, 0, 0, top));
        var gpt = new BackendInfo("openai-chat", "gpt-4o", "v1", false);
        var ids = Store.Explanations.AddMany(
        [
            new StoredExplanation { Neuron = Neuron, Text = Texts[0], Source = ExplanationSource.Explainer, Backend = gpt, SampleIndex = 0 },
            new StoredExplanation { Neuron = Neuron, Text = Texts[1], Source = ExplanationSource.Explainer, Backend = gpt, SampleIndex = 1 },
            new StoredExplanation { Neuron = Neuron, Text = Texts[2], Source = ExplanationSource.TokenLookupBaseline, IsBaseline = true, Backend = StudyComposer.TokenLookupBackend },
            new StoredExplanation { Neuron = Neuron, Text = Texts[3], Source = ExplanationSource.HumanWritten, Author = "Dr Hidden" },
            new StoredExplanation { Neuron = Neuron, Text = Texts[4], Source = ExplanationSource.Control, ControlFrom = new NeuronId(5, 5) },
        ]);
        for (var i = 0; i < ids.Count; i++)
        {
            Store.Scores.Save(new StoredScore { ExplanationId = ids[i], Set = Storage.Scores.EvaluationSet.TopAndRandom, Simulation = new ScoredSimulation([], 0.9137 - (0.2 * i), null, null) });
        }
        var study = new Study
        {
            Name = "Pilot study", Instructions = "Rate each explanation.", Annotators = [new AnnotatorRef("u-ada", "Ada"), new AnnotatorRef("u-bo", "Bo")], AnnotatorsPerTask = 2,
        };
        StudyId = Store.Studies.Create(study, [new RatingTask { Neuron = Neuron, Candidates = Store.Explanations.ForNeuron(Neuron).Select(TaskCandidate.From).ToList() }]);
        Store.Studies.Open(StudyId);
    }
}
