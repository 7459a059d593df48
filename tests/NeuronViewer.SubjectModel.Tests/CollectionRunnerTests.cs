using System.Text;
using System.Text.Json;
using NeuronViewer.Core.Collection;
using NeuronViewer.SubjectModel.Collection;
using NeuronViewer.SubjectModel.Corpus;
using NeuronViewer.SubjectModel.Model;
using TorchSharp;
using static TorchSharp.torch;

namespace NeuronViewer.SubjectModel.Tests;

/// <summary>Collection with the real TorchSharp model over real text: records, OpenAI layout, resume, bad input.</summary>
public class CollectionRunnerTests
{
    private static readonly Gpt2Config TinyShape = new(50257, 64, 32, 2, 2, 64, 1e-5);
    private static readonly CollectionSettings Small = new() { TopCount = 10, RandomCount = 10, QuantileSampleCount = 5, Seed = 3, MinTokenCount = 2 };

    /// <summary>About 120 excerpts of Brown corpus text (from the bundled corpus), in a temp folder.</summary>
    private static TempFolder CorpusFolder()
    {
        var dir = new TempFolder();
        var docs = TextCorpus.Open("bundled").Documents().Take(4).Select(d => d[..Math.Min(d.Length, 9000)]);
        File.WriteAllText(dir.File("corpus.txt"), string.Join("\n<|endoftext|>\n", docs));
        return dir;
    }

    private static CollectionRequest Request(Gpt2Model model, string corpusFile, string checkpoint) =>
        new(model, TextCorpus.Open(corpusFile), [0, 1], Small, BatchSize: 8, CheckpointFolder: checkpoint) { CheckpointInterval = TimeSpan.Zero };

    [Fact]
    public async Task Records_in_openai_layout_hold_the_models_real_activations_and_respect_their_buckets()
    {
        using var corpus = CorpusFolder();
        using var model = RandomGpt2.Create(TinyShape, 1);
        var outDir = corpus.File("out");
        var info = await CollectionRunner.RunAsync(Request(model, corpus.File("corpus.txt"), corpus.File("ckpt")), new OpenAiLayoutWriter(outDir));
        Assert.True(info.Excerpts > 100);
        Assert.Empty(Directory.GetFiles(corpus.File("ckpt")));
        Assert.Equal(2 * 64 * 2 + 1, Directory.GetFiles(outDir, "*.json", SearchOption.AllDirectories).Length);

        using var doc = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(outDir, "1", "7.json")));
        var root = doc.RootElement;
        Assert.Equal("dataclass_name", root.EnumerateObject().First().Name);
        Assert.Equal(1, root.GetProperty("neuron_id").GetProperty("layer_index").GetInt32());
        var b = root.GetProperty("quantile_boundaries").EnumerateArray().ToList();
        Assert.Equal(6, b.Count);
        Assert.Equal(JsonValueKind.Null, b[0].ValueKind);
        Assert.Equal(JsonValueKind.Null, b[5].ValueKind);
        var buckets = root.GetProperty("random_sample_by_quantile").EnumerateArray().ToList();
        Assert.Equal(5, buckets.Count);
        for (int i = 0; i < 5; i++)
            foreach (var r in buckets[i].EnumerateArray())
            {
                double max = r.GetProperty("activations").EnumerateArray().Max(a => a.GetDouble());
                Assert.True((i == 0 || max >= b[i].GetDouble()) && (i == 4 || max < b[i + 1].GetDouble()));
            }

        // The top record's activations are what the model computes on those tokens.
        var top = root.GetProperty("most_positive_activation_records")[0];
        var tokens = top.GetProperty("tokens").EnumerateArray().Select(t => t.GetString()!).ToList();
        var excerpt = ExcerptStream.Read(TextCorpus.Open(corpus.File("corpus.txt")), Small)
            .Single(e => Tokenization.Gpt2Tokenizer.Shared.TokenStrings(e.TokenIds).SequenceEqual(tokens));
        using var _ = inference_mode();
        var direct = model.MlpActivations(tensor(excerpt.TokenIds.Select(i => (long)i).ToArray()), [1])[0][0, .., 7].data<float>().ToArray();
        var stored = top.GetProperty("activations").EnumerateArray().Select(a => a.GetSingle()).ToArray();
        Assert.Equal(direct.Length, stored.Length);
        for (int i = 0; i < direct.Length; i++) Assert.Equal(direct[i], stored[i], 1e-5f);
        var lookup = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(outDir, "token-lookup", "1", "7.json"))).RootElement;
        Assert.Equal("TokenLookupTableSummaryOfNeuron", lookup.GetProperty("dataclass_name").GetString());
        Assert.Equal(50, lookup.GetProperty("tokens").GetArrayLength());
    }

    [Fact]
    public async Task An_interrupted_collection_resumes_and_writes_exactly_what_an_uninterrupted_one_writes()
    {
        using var corpus = CorpusFolder();
        using var model = RandomGpt2.Create(TinyShape, 2);
        await CollectionRunner.RunAsync(Request(model, corpus.File("corpus.txt"), corpus.File("a.ckpt")), new OpenAiLayoutWriter(corpus.File("a")));

        foreach (var stopAt in new[] { 5, 22 })
        {
            using var cts = new CancellationTokenSource();
            int reports = 0;
            var progress = new SyncProgress(p => { if (p.Processed > 0 && ++reports == stopAt) cts.Cancel(); });
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
                CollectionRunner.RunAsync(Request(model, corpus.File("corpus.txt"), corpus.File("b.ckpt")), new OpenAiLayoutWriter(corpus.File("b")), progress, cts.Token));
            Assert.Single(Directory.GetFiles(corpus.File("b.ckpt"), "collect-*.ckpt"));
            Assert.False(Directory.Exists(corpus.File("b")));
        }
        long resumedFrom = -1;
        await CollectionRunner.RunAsync(Request(model, corpus.File("corpus.txt"), corpus.File("b.ckpt")), new OpenAiLayoutWriter(corpus.File("b")),
            new SyncProgress(p => { if (resumedFrom < 0 && p.Processed > 0) resumedFrom = p.Processed; }));
        Assert.True(resumedFrom > 100, $"the rerun started from {resumedFrom}, not from the checkpoint");
        var a = Directory.GetFiles(corpus.File("a"), "*.json", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(corpus.File("a"), f)).Order().ToList();
        var bFiles = Directory.GetFiles(corpus.File("b"), "*.json", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(corpus.File("b"), f)).Order().ToList();
        Assert.Equal(a, bFiles);
        foreach (var f in a) Assert.Equal(File.ReadAllBytes(Path.Combine(corpus.File("a"), f)), File.ReadAllBytes(Path.Combine(corpus.File("b"), f)));
    }

    [Fact]
    public async Task Bad_input_is_rejected_before_anything_is_written()
    {
        using var dir = new TempFolder();
        using var model = RandomGpt2.Create(TinyShape, 3);
        File.WriteAllText(dir.File("empty.txt"), "  \n\n");
        File.WriteAllBytes(dir.File("bad.txt"), [(byte)'a', (byte)'b', 0xC3, 0x28, (byte)'c']);
        File.WriteAllText(dir.File("short.txt"), "Too short.");
        File.WriteAllText(dir.File("ok.txt"), string.Concat(Enumerable.Repeat("The cat sat on the mat. ", 40)));
        async Task<Exception> Fails(string corpus, int[] layers) => await Assert.ThrowsAnyAsync<Exception>(() =>
            CollectionRunner.RunAsync(new CollectionRequest(model, TextCorpus.Open(dir.File(corpus)), layers, Small), new OpenAiLayoutWriter(dir.File("out"))));
        Assert.Contains("is empty", (await Fails("empty.txt", [0])).Message);
        Assert.Contains("not valid UTF-8", (await Fails("bad.txt", [0])).Message);
        Assert.Contains("no excerpt", (await Fails("short.txt", [0])).Message);
        Assert.Contains("Layer 2 is out of range", (await Fails("ok.txt", [0, 2])).Message);
        Assert.Throws<CorpusException>(() => TextCorpus.Open(dir.File("missing.txt")));
        Assert.False(Directory.Exists(dir.File("out")));
        Assert.Empty(Directory.GetDirectories(dir.Path));
    }

    /// <summary>Reports synchronously on the calling thread (System.Progress posts asynchronously).</summary>
    private sealed class SyncProgress(Action<CollectionProgress> report) : IProgress<CollectionProgress>
    {
        public void Report(CollectionProgress value) => report(value);
    }
}
