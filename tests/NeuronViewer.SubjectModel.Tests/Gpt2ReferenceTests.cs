using NeuronViewer.SubjectModel.Checkpoints;
using NeuronViewer.SubjectModel.Model;
using TorchSharp;
using static TorchSharp.torch;

namespace NeuronViewer.SubjectModel.Tests;

/// <summary>The TorchSharp GPT-2 reproduces the independent reference fixture in every checkpoint layout.</summary>
public class Gpt2ReferenceTests
{
    public static TheoryData<string> Layouts => new() { "plain", "prefixed", "pytorch_model.bin" };

    private static Gpt2Model LoadLayout(string layout) => layout switch
    {
        "plain" => Fixture.Load(prefixed: false),
        "prefixed" => Fixture.Load(prefixed: true),
        _ => CheckpointLoader.Load(Fixture.BinFolder),
    };

    [Theory]
    [MemberData(nameof(Layouts))]
    public void Logits_neurons_and_final_layernorm_match_the_reference(string layout)
    {
        using var model = LoadLayout(layout);
        using var _ = torch.inference_mode();
        foreach (var seq in Fixture.Sequences)
        {
            using var ids = torch.tensor(seq.InputIds);
            using var logits = model.Logits(ids);
            Fixture.AssertClose(seq.Logits, logits.data<float>().ToArray(), $"{layout} {seq.Name} logits");
            var names = Enumerable.Range(0, model.Config.Layers).Select(l => HookPoint.MlpPost(l).Name).Append("ln_final.hook_normalized").ToList();
            var cache = model.RunWithCache(ids, names);
            for (int l = 0; l < model.Config.Layers; l++)
                Fixture.AssertClose(seq.MlpPostGelu[l], cache[names[l]].data<float>().ToArray(), $"{layout} {seq.Name} mlp_post_gelu[{l}]");
            Fixture.AssertClose(seq.LnFOutput, cache["ln_final.hook_normalized"].data<float>().ToArray(), $"{layout} {seq.Name} ln_f");
            foreach (var t in cache.Values) t.Dispose();
        }
    }

    [Fact]
    public void Later_tokens_do_not_change_earlier_positions()
    {
        using var model = Fixture.Load(prefixed: false);
        using var _ = torch.inference_mode();
        var ids = Fixture.Sequences[2].InputIds;
        var changed = (long[])ids.Clone();
        changed[16] = (changed[16] + 1) % 1000;
        changed[32] = (changed[32] + 7) % 1000;
        using var a = model.Logits(torch.tensor(ids));
        using var b = model.Logits(torch.tensor(changed));
        var before = (a[0, ..16] - b[0, ..16]).abs().max().item<float>();
        var after = (a[0, 16..] - b[0, 16..]).abs().max().item<float>();
        Assert.Equal(0f, before);
        Assert.True(after > 0.1f, $"changing tokens 16 and 32 moved later logits by only {after}");
        var na = model.MlpActivations(torch.tensor(ids), [1])[0];
        var nb = model.MlpActivations(torch.tensor(changed), [1])[0];
        Assert.Equal(0f, (na[0, ..16] - nb[0, ..16]).abs().max().item<float>());
    }

    [Fact]
    public void A_prefix_alone_gives_the_same_outputs_as_within_the_full_sequence()
    {
        using var model = Fixture.Load(prefixed: false);
        using var _ = torch.inference_mode();
        var ids = Fixture.Sequences[2].InputIds;
        using var full = model.Logits(torch.tensor(ids));
        using var prefix = model.Logits(torch.tensor(ids[..11]));
        var diff = (full[0, ..11] - prefix[0]).abs().max().item<float>();
        Assert.True(diff < 1e-5f, $"prefix run differs by {diff}");
    }

    [Fact]
    public void A_batch_gives_the_same_outputs_as_each_sequence_alone()
    {
        using var model = Fixture.Load(prefixed: true);
        using var _ = torch.inference_mode();
        var s = Fixture.Sequences[2].InputIds;
        var rows = new[] { s[..20], s[5..25], s[13..33] };
        using var batch = model.Logits(torch.tensor(rows.SelectMany(r => r).ToArray()).view(3, 20));
        for (int i = 0; i < 3; i++)
        {
            using var single = model.Logits(torch.tensor(rows[i]));
            Assert.True((batch[i] - single[0]).abs().max().item<float>() < 1e-5f);
        }
    }
}
