using Microsoft.Extensions.Options;
using NeuronViewer.Core.Abstractions;
using NeuronViewer.Core.Records;
using NeuronViewer.Pipeline.Ablation;
using NeuronViewer.Pipeline.Stages;
using NeuronViewer.Pipeline.Subject;
using NeuronViewer.Storage;
using NeuronViewer.Storage.Explanations;
using NeuronViewer.Storage.Runs;
using NeuronViewer.SubjectModel.Corpus;
using TorchSharp;
using static TorchSharp.torch;

namespace NeuronViewer.Pipeline.Tests.Ablation;

/// <summary>The bundled subject model (loaded once) and one neuron's real record built from Brown-corpus excerpts: 8 top, 6 random.</summary>
public sealed class AblationWorld : IDisposable
{
    public static readonly NeuronId Neuron = new(2, 37);

    public AblationWorld()
    {
        Host = new SubjectModelHost(Options.Create(new SubjectModelOptions { Path = "bundled", Threads = 2 }));
        Model = Host.GetAsync().GetAwaiter().GetResult();
        var text = string.Join(" ", TextCorpus.Open("bundled").Documents().Skip(5).First().Split(' ').Take(500));
        var ids = Model.Tokenizer.Encode(text);
        using var _ = inference_mode();
        var excerpts = Enumerable.Range(0, 14).Select(i => ids[(i * 26)..((i * 26) + 24)]).Select(e => new ActivationRecord(
            Model.Tokenizer.TokenStrings(e),
            Model.Model.MlpActivations(tensor(e.Select(x => (long)x).ToArray()), [Neuron.LayerIndex])[0][0, .., Neuron.NeuronIndex]
                .data<float>().Select(v => (double)v).ToArray())).ToList();
        Top = excerpts.OrderByDescending(e => e.MaxActivation).Take(8).ToList();
        Random = excerpts.Except(Top).ToList();
        Activations = excerpts.ToDictionary(e => Key(e.Tokens), e => e.Activations.ToArray());
    }

    public SubjectModelHost Host { get; }

    public LoadedSubjectModel Model { get; }

    public IReadOnlyList<ActivationRecord> Top { get; }

    public IReadOnlyList<ActivationRecord> Random { get; }

    /// <summary>The neuron's real activations by excerpt (see <see cref="Key"/>).</summary>
    public IReadOnlyDictionary<string, double[]> Activations { get; }

    public static AblationOptions Options2 => new() { ExamplesPerSplit = 2 };

    public static string Key(IReadOnlyList<string> tokens) => string.Join("\u0001", tokens);

    public NeuronRecord Record(double mean) => new(Neuron, Random, null, null, mean, double.NaN, double.NaN, double.NaN, Top);

    /// <summary>A fresh database holding the record (collected by the loaded model) and the given candidate explanations.</summary>
    public (NeuronViewerStore Store, AblateStage Stage, IReadOnlyList<long> Ids) Store(double mean, params string[] explanations)
    {
        var store = NeuronViewerStore.Open(Path.Combine(Path.GetTempPath(), "nv-ablation-tests", Guid.NewGuid().ToString("N")));
        var run = store.Runs.Create(new CollectionRun { SubjectModel = Model.Info.Name, SubjectModelRevision = Model.Info.Revision, Dataset = "brown" });
        store.Records.Save(run, Record(mean));
        var ids = store.Explanations.AddMany(explanations.Select(t => new StoredExplanation { Neuron = Neuron, Text = t }));
        return (store, new AblateStage(store, Host), ids);
    }

    public void Dispose() => Host.Dispose();
}

/// <summary>A stand-in for an LLM simulator that answers from the neuron's real activations, transformed per explanation; it fails where told to.</summary>
public sealed class KnowingSimulator(AblationWorld world, Func<string, double[], double[]> answer, Func<string, IReadOnlyList<string>, bool>? failOn = null) : ISimulator
{
    public BackendInfo Info { get; } = new("test", "knowing", "v1", IsBaseline: false);

    public Task<SimulationOutcome> SimulateAsync(string explanation, IReadOnlyList<string> tokens, CancellationToken cancellationToken = default)
    {
        if (failOn?.Invoke(explanation, tokens) == true)
            return Task.FromResult(SimulationOutcome.Failure("unparsable reply", "raw: <garbled>", Usage.None));
        var values = answer(explanation, world.Activations[AblationWorld.Key(tokens)]);
        return Task.FromResult(SimulationOutcome.Success(new SequenceSimulation(tokens, values, ActivationScale.SimulatedNormalizedActivations, [], []), Usage.None));
    }

    /// <summary>"real" answers the true activations ×3 + 1 (calibration maps them back), "shuffled" each excerpt's reversed, anything else 5 everywhere.</summary>
    public static double[] ByName(string explanation, double[] real) => explanation switch
    {
        "real" => real.Select(v => (3 * v) + 1).ToArray(),
        "shuffled" => real.Reverse().ToArray(),
        _ => real.Select(_ => 5.0).ToArray(),
    };
}
