using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using NeuronViewer.Core.Collection;
using NeuronViewer.SubjectModel.Corpus;
using NeuronViewer.SubjectModel.Tokenization;
using TorchSharp;
using static TorchSharp.torch;

namespace NeuronViewer.SubjectModel.Collection;

/// <summary>
/// Runs activation collection (spec §15.1) with the TorchSharp subject model: a tokenise-only pre-pass (validation,
/// totals, token counts), pass 1 and pass 2 over the same excerpts (see NeuronRecordBuilder), then every neuron's record
/// to the sink. The forward stops after the last collected layer. State is checkpointed; a rerun resumes.
/// </summary>
public static class CollectionRunner
{
    public static async Task<CollectionInfo> RunAsync(CollectionRequest request, ICollectionSink sink,
        IProgress<CollectionProgress>? progress = null, CancellationToken ct = default)
    {
        var (model, settings) = (request.Model, request.Settings);
        settings.Validate();
        if (request.Layers.Count == 0) throw new ArgumentException("Choose at least one layer to collect.");
        foreach (var l in request.Layers)
            if (l < 0 || l >= model.Config.Layers)
                throw new ArgumentException($"Layer {l} is out of range: the model has layers 0-{model.Config.Layers - 1}.");
        if (request.BatchSize < 1) throw new ArgumentException($"Batch size must be positive, not {request.BatchSize}.");
        if (settings.ExcerptTokens > model.Config.ContextLength)
            throw new ArgumentException($"Excerpts of {settings.ExcerptTokens} tokens exceed the model's context of {model.Config.ContextLength}.");
        var layers = request.Layers.Distinct().Order().ToArray();

        progress?.Report(new CollectionProgress("reading corpus", 0, 0, 0, TimeSpan.Zero, null));
        var (excerpts, tokens, counts) = PrePass(request, ct);
        var fingerprint = Fingerprint(request, layers);
        var checkpoint = request.CheckpointFolder is { } folder ? Path.Combine(folder, $"collect-{fingerprint}.ckpt") : null;
        var state = (checkpoint is not null ? CollectionCheckpoint.TryLoad(checkpoint, fingerprint, settings) : null)
            ?? new CollectionState
            {
                Fingerprint = fingerprint,
                Builders = layers.Select(l => new NeuronRecordBuilder(l, model.Config.MlpDim, settings, TokenTracking.Choose(counts, settings))).ToArray(),
            };
        var clock = new Meter(excerpts, state.Pass == CollectionPass.First ? state.Cursor : excerpts + state.Cursor, settings.ExcerptTokens);

        if (state.Pass == CollectionPass.First)
        {
            RunPass(request, layers, state, clock, checkpoint, progress, ct);
            foreach (var b in state.Builders) b.BeginSecondPass();
            state.Cursor = 0;
            Save(checkpoint, state);
        }
        if (state.Cursor < excerpts)
        {
            RunPass(request, layers, state, clock, checkpoint, progress, ct);
            Save(checkpoint, state);
        }

        var info = new CollectionInfo(model.Source, request.Corpus.Name, layers, model.Config.MlpDim, excerpts, tokens, settings);
        progress?.Report(new CollectionProgress("writing records", 2 * excerpts, 2 * excerpts, 0, clock.Elapsed, TimeSpan.Zero));
        await Emit(state, info, sink, ct);
        if (checkpoint is not null && File.Exists(checkpoint)) File.Delete(checkpoint);
        return info;
    }

    private static (long Excerpts, long Tokens, Dictionary<int, long> Counts) PrePass(CollectionRequest request, CancellationToken ct)
    {
        request.Corpus.Validate();
        long excerpts = 0, tokens = 0;
        var counts = new Dictionary<int, long>();
        foreach (var e in ExcerptStream.Read(request.Corpus, request.Settings, request.MaxExcerpts))
        {
            ct.ThrowIfCancellationRequested();
            excerpts++;
            tokens += e.TokenIds.Length;
            foreach (var id in e.TokenIds) counts[id] = counts.GetValueOrDefault(id) + 1;
        }
        if (excerpts == 0)
            throw new CorpusException($"Corpus {request.Corpus.Name} yields no excerpt of at least {request.Settings.MinExcerptTokens} tokens.");
        return (excerpts, tokens, counts);
    }

    private static void RunPass(CollectionRequest request, int[] layers, CollectionState state, Meter clock, string? checkpoint,
        IProgress<CollectionProgress>? progress, CancellationToken ct)
    {
        var model = request.Model;
        var pass = state.Pass;
        var lastSave = Stopwatch.StartNew();
        var stream = ExcerptStream.Read(request.Corpus, request.Settings, request.MaxExcerpts).Skip((int)state.Cursor);
        var fixedReferences = pass == CollectionPass.Second ? state.Builders.SelectMany(b => b.ReferencedExcerpts()).ToHashSet() : [];
        using var _ = inference_mode();
        foreach (var batch in ExcerptStream.Batches(stream, request.BatchSize))
        {
            if (ct.IsCancellationRequested)
            {
                Save(checkpoint, state); // a cancelled run keeps everything up to here; a killed one loses at most one interval
                ct.ThrowIfCancellationRequested();
            }
            int b = batch.Count, t = batch[0].TokenIds.Length, n = model.Config.MlpDim;
            var ids = batch.SelectMany(e => e.TokenIds).ToArray();
            using (var scope = NewDisposeScope())
            {
                var acts = model.MlpActivations(torch.tensor(ids.Select(i => (long)i).ToArray()).view(b, t), layers);
                for (int k = 0; k < layers.Length; k++)
                {
                    var values = new float[b * t * n];
                    acts[k].permute(2, 0, 1).contiguous().data<float>().CopyTo(values);
                    var data = new ActivationBatch(batch[0].Index, b, t, n, values, ids);
                    if (pass == CollectionPass.First) state.Builders[k].ObserveFirstPass(data);
                    else state.Builders[k].ObserveSecondPass(data);
                }
            }
            if (pass == CollectionPass.Second) KeepTokens(state, fixedReferences, batch);
            state.Cursor += b;
            clock.Advance(b);
            progress?.Report(clock.Progress(pass == CollectionPass.First ? "pass 1 of 2" : "pass 2 of 2"));
            if (lastSave.Elapsed >= request.CheckpointInterval)
            {
                Save(checkpoint, state);
                lastSave.Restart();
            }
        }
    }

    /// <summary>Keeps the token ids of the batch's excerpts that some neuron keeps (top and random ones were fixed in pass 1).</summary>
    private static void KeepTokens(CollectionState state, HashSet<long> fixedReferences, IReadOnlyList<Excerpt> batch)
    {
        var accepted = state.Builders.SelectMany(b => b.AcceptedInLastBatch).ToHashSet();
        foreach (var e in batch)
            if (fixedReferences.Contains(e.Index) || accepted.Contains(e.Index)) state.ExcerptTokens[e.Index] = e.TokenIds;
    }

    /// <summary>Forgets the tokens of excerpts no neuron keeps any more (bounds memory and checkpoint size).</summary>
    private static void Prune(CollectionState state)
    {
        var referenced = state.Builders.SelectMany(b => b.ReferencedExcerpts()).ToHashSet();
        foreach (var stale in state.ExcerptTokens.Keys.Where(k => !referenced.Contains(k)).ToList())
            state.ExcerptTokens.Remove(stale);
    }

    private static async Task Emit(CollectionState state, CollectionInfo info, ICollectionSink sink, CancellationToken ct)
    {
        var tok = Gpt2Tokenizer.Shared;
        var strings = new Dictionary<long, IReadOnlyList<string>>();
        IReadOnlyList<string> Tokens(long index) =>
            strings.TryGetValue(index, out var s) ? s : strings[index] = tok.TokenStrings(state.ExcerptTokens[index]);
        try
        {
            await sink.BeginAsync(info, ct);
            foreach (var builder in state.Builders)
                for (int n = 0; n < builder.Neurons; n++)
                    await sink.WriteAsync(new CollectedNeuron(builder.BuildRecord(n, Tokens), builder.BuildTokenLookup(n, tok.TokenString)), ct);
            await sink.CompleteAsync(ct);
        }
        catch
        {
            await sink.AbortAsync();
            throw;
        }
    }

    private static void Save(string? checkpoint, CollectionState state)
    {
        Prune(state);
        if (checkpoint is not null) CollectionCheckpoint.Save(checkpoint, state);
    }

    /// <summary>Identifies a collection: model, corpus files, layers, settings, limit and batching (batches fix the arithmetic).</summary>
    internal static string Fingerprint(CollectionRequest r, int[] layers)
    {
        var c = r.Model.Config;
        var text = FormattableString.Invariant(
            $"{r.Model.Source}|{c}|{r.Corpus.Fingerprint()}|{string.Join(",", layers)}|{r.Settings with { Quantiles = [] }}|{string.Join(",", r.Settings.Quantiles)}|{r.MaxExcerpts}|{r.BatchSize}");
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..16];
    }

    /// <summary>Counts excerpts over both passes and estimates speed and time left for this session's work.</summary>
    private sealed class Meter(long excerpts, long done, int tokensPerExcerpt)
    {
        private readonly Stopwatch watch = Stopwatch.StartNew();
        private readonly long startDone = done;
        private long processed = done;

        public TimeSpan Elapsed => watch.Elapsed;

        public void Advance(int count) => processed += count;

        public CollectionProgress Progress(string stage)
        {
            double seconds = Math.Max(1e-9, watch.Elapsed.TotalSeconds), rate = (processed - startDone) / seconds;
            TimeSpan? remaining = rate > 0 ? TimeSpan.FromSeconds((2 * excerpts - processed) / rate) : null;
            return new CollectionProgress(stage, processed, 2 * excerpts, rate * tokensPerExcerpt, watch.Elapsed, remaining);
        }
    }
}
