using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using NeuronViewer.Pipeline.Subject;
using NeuronViewer.SubjectModel;
using NeuronViewer.SubjectModel.Checkpoints;
using NeuronViewer.SubjectModel.Tokenization;
using TorchSharp;

namespace NeuronViewer.Pipeline.Tests;

public sealed class SubjectModelHostTests
{
    private static SubjectModelHost NewHost(Action<SubjectModelOptions>? configure = null)
    {
        var o = new SubjectModelOptions { Path = "bundled", Threads = 2 };
        configure?.Invoke(o);
        return new SubjectModelHost(Options.Create(o));
    }

    [Fact]
    public async Task Activations_match_a_separately_loaded_model()
    {
        using var host = NewHost();
        const string text = "The jury said the election was conducted fairly.";
        var result = await host.ActivationsAsync(text, 2);

        using var model = CheckpointLoader.Load("bundled");
        var ids = Gpt2Tokenizer.Shared.Encode(text);
        using var _ = torch.inference_mode();
        var expected = model.MlpActivations(torch.tensor(ids.Select(i => (long)i).ToArray()), [2])[0][0];
        Assert.Equal(ids, result.TokenIds);
        Assert.Equal(Gpt2Tokenizer.Shared.TokenStrings(ids), result.Tokens);
        Assert.False(result.Truncated);
        for (int p = 0; p < ids.Length; p++)
            for (int n = 0; n < 512; n += 37)
                Assert.Equal(expected[p, n].item<float>(), result.Values[p][n], 5);
        Assert.Equal(result.Values.Select(r => (double)r[100]), result.Neuron(100));
    }

    [Fact]
    public async Task Info_names_the_model_and_hashes_its_weights()
    {
        using var host = NewHost();
        Assert.Equal(SubjectModelStatus.NotLoaded, host.Status);
        Assert.Null(host.Info);
        var m = await host.GetAsync();
        Assert.Equal(SubjectModelStatus.Loaded, host.Status);
        var bytes = await File.ReadAllBytesAsync(Path.Combine(BundledAssets.ModelFolder, "model.safetensors"));
        Assert.Equal("sha256:" + Convert.ToHexStringLower(SHA256.HashData(bytes))[..16], m.Info.Revision);
        Assert.Equal(("bundled", 6, 512, "gelu_new", "float32"), (m.Info.Name, m.Info.Layers, m.Info.NeuronsPerLayer, m.Info.ActivationFunction, m.Info.DType));
        var p = m.Info.Provenance("brown", explainer: "offline");
        Assert.Equal((m.Info.Revision, "brown", "offline"), (p.SubjectModelRevision, p.Dataset, p.Explainer));
        Assert.Same(m, await host.GetAsync());
    }

    [Fact]
    public async Task Interactive_work_runs_on_dedicated_threads_one_at_a_time()
    {
        using var host = NewHost(o => o.InteractiveWorkers = 1);
        int concurrent = 0, maxConcurrent = 0;
        var onPool = new List<bool>();
        var tasks = Enumerable.Range(0, 5).Select(i => host.RunInteractiveAsync(m =>
        {
            var now = Interlocked.Increment(ref concurrent);
            lock (onPool)
            {
                maxConcurrent = Math.Max(maxConcurrent, now);
                onPool.Add(Thread.CurrentThread.IsThreadPoolThread);
            }
            var r = SubjectModelHost.Activations(m, $"Request number {i} about the weather.", i % 6, 64);
            Interlocked.Decrement(ref concurrent);
            return r.Tokens.Count;
        })).ToList();
        var counts = await Task.WhenAll(tasks);
        Assert.All(counts, c => Assert.True(c > 3));
        Assert.Equal(1, maxConcurrent);
        Assert.Equal(5, onPool.Count);
        Assert.DoesNotContain(true, onPool);
    }

    [Fact]
    public async Task A_full_queue_is_refused_as_busy_and_work_then_continues()
    {
        using var host = NewHost(o => (o.InteractiveWorkers, o.InteractiveQueue) = (1, 2));
        await host.GetAsync();
        using var release = new ManualResetEventSlim();
        var started = new TaskCompletionSource();
        var blocker = host.RunInteractiveAsync(_ => { started.SetResult(); release.Wait(); return 0; });
        await started.Task;
        var queued = new[] { host.RunInteractiveAsync(_ => 1), host.RunInteractiveAsync(_ => 2) };
        var busy = await Assert.ThrowsAsync<SubjectModelBusyException>(() => host.RunInteractiveAsync(_ => 3));
        Assert.Contains("busy", busy.Message, StringComparison.Ordinal);
        Assert.Equal((2, 1), host.InteractiveLoad);
        release.Set();
        var all = await Task.WhenAll([blocker, .. queued]);
        Assert.Equal([0, 1, 2], all);
    }

    [Fact]
    public async Task Long_text_is_cut_and_says_so_and_bad_layers_are_named()
    {
        using var host = NewHost(o => o.MaxInteractiveTokens = 20);
        var r = await host.ActivationsAsync(string.Join(' ', Enumerable.Repeat("word", 100)), 0);
        Assert.True(r.Truncated);
        Assert.Equal(20, r.Tokens.Count);
        var e = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => host.ActivationsAsync("hello", 6));
        Assert.Contains("layers 0-5", e.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<ArgumentException>(() => host.ActivationsAsync("  ", 0));
    }

    [Fact]
    public async Task A_bad_model_folder_fails_with_its_message_and_is_retried_on_the_next_call()
    {
        var folder = Path.Combine(Path.GetTempPath(), "nv-no-model-" + Guid.NewGuid().ToString("N"));
        using var host = NewHost(o => o.Path = folder);
        var e = await Assert.ThrowsAsync<CheckpointException>(() => host.GetAsync());
        Assert.Contains(folder, e.Message, StringComparison.Ordinal);
        Assert.Equal(SubjectModelStatus.Failed, host.Status);
        Assert.Equal(e.Message, host.LoadError);
        await Assert.ThrowsAsync<CheckpointException>(() => host.GetAsync());
    }
}
