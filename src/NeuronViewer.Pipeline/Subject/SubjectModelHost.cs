using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using NeuronViewer.SubjectModel;
using NeuronViewer.SubjectModel.Checkpoints;
using NeuronViewer.SubjectModel.Tokenization;
using TorchSharp;
using static TorchSharp.torch;

namespace NeuronViewer.Pipeline.Subject;

/// <summary>Whether the configured subject model is loaded.</summary>
public enum SubjectModelStatus
{
    NotLoaded,
    Loading,
    Loaded,
    Failed,
}

/// <summary>
/// The configured subject model, loaded once per process (on first use, off the caller's thread), shared by jobs and pages;
/// interactive requests ("run this text, give me layer L") go through a bounded queue on dedicated threads.
/// </summary>
public sealed class SubjectModelHost : IDisposable
{
    private readonly ILogger logger;
    private readonly Lock gate = new();
    private readonly Lazy<InteractiveWorker> worker;
    private Task<LoadedSubjectModel>? loading;
    private bool disposed;

    public SubjectModelHost(IOptions<SubjectModelOptions> options, ILogger<SubjectModelHost>? logger = null)
    {
        Options = options.Value;
        this.logger = logger ?? NullLogger<SubjectModelHost>.Instance;
        worker = new(() => new InteractiveWorker(Options.InteractiveWorkers, Options.InteractiveQueue));
    }

    public SubjectModelOptions Options { get; }

    /// <summary>Whether the model is loaded, loading, failed (see <see cref="LoadError"/>) or not yet asked for.</summary>
    public SubjectModelStatus Status
    {
        get
        {
            var task = loading;
            return task is null ? SubjectModelStatus.NotLoaded
                : !task.IsCompleted ? SubjectModelStatus.Loading
                : task.IsCompletedSuccessfully ? SubjectModelStatus.Loaded
                : SubjectModelStatus.Failed;
        }
    }

    /// <summary>Why the last load failed (one line), or null.</summary>
    public string? LoadError => loading is { IsFaulted: true } t ? t.Exception!.InnerException!.Message : null;

    /// <summary>The model's description once it is loaded, else null (never starts a load).</summary>
    public SubjectModelInfo? Info => loading is { IsCompletedSuccessfully: true } t ? t.Result.Info : null;

    /// <summary>Interactive requests waiting and computing.</summary>
    public (int Queued, int Running) InteractiveLoad => worker.IsValueCreated ? (worker.Value.Queued, worker.Value.Running) : (0, 0);

    /// <summary>The loaded model; the first call loads it on a background thread, a failed load is retried by the next call.</summary>
    public Task<LoadedSubjectModel> GetAsync(CancellationToken cancellationToken = default)
    {
        Task<LoadedSubjectModel> task;
        lock (gate)
        {
            ObjectDisposedException.ThrowIf(disposed, this);
            if (loading is null || loading.IsFaulted || loading.IsCanceled)
                loading = Task.Factory.StartNew(Load, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
            task = loading;
        }
        return task.WaitAsync(cancellationToken);
    }

    /// <summary>Runs work with the model on an interactive worker thread (bounded queue; throws <see cref="SubjectModelBusyException"/> when full).</summary>
    public async Task<T> RunInteractiveAsync<T>(Func<LoadedSubjectModel, T> work, CancellationToken cancellationToken = default)
    {
        var model = await GetAsync(cancellationToken).ConfigureAwait(false);
        return await worker.Value.Run(() => work(model), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Tokenizes the text and returns one layer's neuron activations at every position (interactive path).</summary>
    public Task<TextActivations> ActivationsAsync(string text, int layer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (string.IsNullOrWhiteSpace(text)) throw new ArgumentException("Type some text to run.", nameof(text));
        return RunInteractiveAsync(m => Activations(m, text, layer, Options.MaxInteractiveTokens), cancellationToken);
    }

    /// <summary>Runs heavy work (a collection, an ablation) on its own long-running thread, never a thread-pool thread.</summary>
    public async Task<T> RunHeavyAsync<T>(Func<LoadedSubjectModel, T> work, CancellationToken cancellationToken = default)
    {
        var model = await GetAsync(cancellationToken).ConfigureAwait(false);
        return await Task.Factory.StartNew(() => work(model), cancellationToken, TaskCreationOptions.LongRunning, TaskScheduler.Default).ConfigureAwait(false);
    }

    internal static TextActivations Activations(LoadedSubjectModel m, string text, int layer, int maxTokens)
    {
        if (layer < 0 || layer >= m.Info.Layers)
            throw new ArgumentOutOfRangeException(nameof(layer), $"Layer {layer} is out of range: the model has layers 0-{m.Info.Layers - 1}.");
        var ids = m.Tokenizer.Encode(text);
        if (ids.Length == 0) throw new ArgumentException("The text has no tokens.", nameof(text));
        int limit = Math.Min(maxTokens, m.Info.ContextLength);
        bool truncated = ids.Length > limit;
        if (truncated) ids = ids[..limit];
        using var _ = inference_mode();
        using var scope = NewDisposeScope();
        var acts = m.Model.MlpActivations(tensor(ids.Select(i => (long)i).ToArray()), [layer])[0][0].cpu();
        int n = m.Info.NeuronsPerLayer;
        var flat = acts.contiguous().data<float>().ToArray();
        var rows = Enumerable.Range(0, ids.Length).Select(p => flat.AsSpan(p * n, n).ToArray()).ToArray();
        return new TextActivations(layer, m.Tokenizer.TokenStrings(ids), ids, rows, truncated);
    }

    private LoadedSubjectModel Load()
    {
        var o = Options;
        if (o.Threads > 0) torch.set_num_threads(o.Threads);
        logger.LogInformation("Loading subject model {Path} on {Device}", o.Path, o.Device);
        var model = CheckpointLoader.Load(o.Path, o.Device);
        try
        {
            var c = model.Config;
            var info = new SubjectModelInfo(NameOf(o.Path), o.Path, Revision(o.Path), "float32", "gelu_new",
                c.Layers, c.MlpDim, c.ModelDim, c.ContextLength, o.Device);
            logger.LogInformation("Subject model {Label}, revision {Revision}", info.Label, info.Revision);
            return new LoadedSubjectModel(model, Gpt2Tokenizer.Shared, info);
        }
        catch
        {
            model.Dispose();
            throw;
        }
    }

    /// <summary>"bundled", or the checkpoint folder's name (e.g. "gpt2-xl").</summary>
    public static string NameOf(string path) =>
        string.Equals(path, "bundled", StringComparison.OrdinalIgnoreCase) ? "bundled"
            : System.IO.Path.GetFileName(System.IO.Path.TrimEndingDirectorySeparator(System.IO.Path.GetFullPath(path)));

    /// <summary>The content hash of the weights file: "sha256:" and its first 16 hex digits.</summary>
    public static string Revision(string path)
    {
        var folder = string.Equals(path, "bundled", StringComparison.OrdinalIgnoreCase) ? BundledAssets.ModelFolder : path;
        var file = CheckpointLoader.WeightFiles.Select(f => System.IO.Path.Combine(folder, f)).First(File.Exists);
        using var stream = File.OpenRead(file);
        return "sha256:" + Convert.ToHexStringLower(SHA256.HashData(stream))[..16];
    }

    public void Dispose()
    {
        lock (gate)
        {
            if (disposed) return;
            disposed = true;
        }
        if (worker.IsValueCreated) worker.Value.Dispose();
        if (loading is { IsCompletedSuccessfully: true } t) t.Result.Dispose();
    }
}
