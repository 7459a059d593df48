using NeuronViewer.Core.Records;
using NeuronViewer.SubjectModel.Model;
using TorchSharp;
using static TorchSharp.torch;

namespace NeuronViewer.SubjectModel.Tests;

/// <summary>Hook points stop the forward where asked; interventions replace exactly one neuron.</summary>
public class HookAndInterventionTests
{
    private static readonly long[] Ids = Fixture.Sequences[2].InputIds;

    [Fact]
    public void Reading_a_layers_neurons_stops_the_forward_there_without_logits()
    {
        using var model = Fixture.Load(prefixed: false);
        using var _ = inference_mode();
        var cache = model.RunWithCache(tensor(Ids), [HookPoint.MlpPost(0).Name]);
        Assert.Equal(new HookPoint(0, HookKind.MlpPost).Order, model.LastTrace.LastOrder);
        Assert.False(model.LastTrace.Logits);
        Assert.Equal(new long[] { 1, Ids.Length, 256 }, cache["blocks.0.mlp.hook_post"].shape);
        using var logits = model.Logits(tensor(Ids));
        Assert.True(model.LastTrace.Logits);
    }

    [Fact]
    public void Pinning_a_neuron_changes_only_that_neuron_at_its_layer_and_moves_the_logits()
    {
        using var model = Fixture.Load(prefixed: false);
        using var _ = inference_mode();
        var name = HookPoint.MlpPost(0).Name;
        var original = model.RunWithCache(tensor(Ids), [name])[name];
        var pin = NeuronIntervention.Pin(new NeuronId(0, 5), 3.0);
        var changed = model.RunWithCache(tensor(Ids), [name], [pin])[name];
        Assert.True((changed[.., .., 5] - 3.0f).abs().max().item<float>() == 0);
        var others = torch.cat([original[.., .., ..5], original[.., .., 6..]], 2);
        var othersChanged = torch.cat([changed[.., .., ..5], changed[.., .., 6..]], 2);
        Assert.Equal(0f, (others - othersChanged).abs().max().item<float>());
        using var before = model.Logits(tensor(Ids));
        using var after = model.RunWithInterventions(tensor(Ids), [pin]);
        Assert.True((before - after).abs().max().item<float>() > 1e-3f);
    }

    [Fact]
    public void Replacing_a_neuron_with_its_own_activations_reproduces_the_logits()
    {
        using var model = Fixture.Load(prefixed: true);
        using var _ = inference_mode();
        var own = model.MlpActivations(tensor(Ids), [1])[0][.., .., 17];
        using var before = model.Logits(tensor(Ids));
        using var after = model.RunWithInterventions(tensor(Ids), [NeuronIntervention.Replace(new NeuronId(1, 17), own)]);
        Assert.Equal(0f, (before - after).abs().max().item<float>());
        // Replacing with different values does change them, so the comparison above can fail.
        using var shifted = model.RunWithInterventions(tensor(Ids), [NeuronIntervention.Replace(new NeuronId(1, 17), own + 1)]);
        Assert.True((before - shifted).abs().max().item<float>() > 1e-3f);
    }

    [Fact]
    public void Per_position_values_for_a_single_sequence_land_at_their_positions()
    {
        using var model = Fixture.Load(prefixed: false);
        using var _ = inference_mode();
        var values = Enumerable.Range(0, Ids.Length).Select(i => (float)i / 10).ToArray();
        var name = HookPoint.MlpPost(1).Name;
        var got = model.RunWithCache(tensor(Ids), [name], [NeuronIntervention.ReplaceSequence(new NeuronId(1, 200), values)])[name];
        Assert.Equal(values, got[0, .., 200].data<float>().ToArray());
    }

    [Fact]
    public void Bad_requests_are_rejected_with_a_message_naming_the_problem()
    {
        using var model = Fixture.Load(prefixed: false);
        var e1 = Assert.Throws<ArgumentException>(() => model.RunWithCache(tensor(Ids), ["blocks.7.mlp.hook_post"]));
        Assert.Contains("layers 0-1", e1.Message);
        Assert.Throws<ArgumentException>(() => model.RunWithCache(tensor(Ids), ["blocks.0.mlp.hook_nope"]));
        var e2 = Assert.Throws<ArgumentException>(() => model.RunWithInterventions(tensor(Ids), [NeuronIntervention.Pin(new NeuronId(0, 256), 0)]));
        Assert.Contains("0-255", e2.Message);
        var e3 = Assert.Throws<ArgumentException>(() => model.RunWithInterventions(tensor(Ids), [NeuronIntervention.Replace(new NeuronId(0, 1), zeros(1, 3))]));
        Assert.Contains("shape", e3.Message);
        var e4 = Assert.Throws<ArgumentException>(() => model.Logits(tensor(new long[] { 5, 1000 })));
        Assert.Contains("1000", e4.Message);
        Assert.Throws<ArgumentException>(() => model.Logits(zeros(new long[] { 1, 129 }, ScalarType.Int64)));
    }

    [Fact]
    public void A_pass_resumed_at_a_layers_mlp_gives_the_logits_of_the_whole_pass_with_the_same_intervention()
    {
        using var model = Fixture.Load(prefixed: true);
        using var _ = inference_mode();
        for (var layer = 0; layer < model.Config.Layers; layer++)
        {
            var neuron = new NeuronId(layer, 17);
            using var whole = model.Logits(tensor(Ids));
            using var kept = model.LogitsKeepingMlpInput(tensor(Ids), layer, out var state);
            using (state)
            {
                Assert.Equal(0f, (whole - kept).abs().max().item<float>());
                foreach (var intervention in new[] { NeuronIntervention.Pin(neuron, 3.0), NeuronIntervention.ReplaceSequence(neuron, Ids.Select(i => (float)(i % 7) / 3).ToArray()) })
                {
                    using var full = model.RunWithInterventions(tensor(Ids), [intervention]);
                    using var resumed = model.ResumeWithInterventions(state, [intervention]);
                    Assert.True((full - whole).abs().max().item<float>() > 1e-3f, "the intervention changes the output");
                    Assert.True((full - resumed).abs().max().item<float>() < 1e-5f, $"layer {layer}: resumed and whole passes differ");
                }
                if (layer > 0)
                {
                    var early = Assert.Throws<ArgumentException>(() => model.ResumeWithInterventions(state, [NeuronIntervention.Pin(new NeuronId(layer - 1, 3), 1.0)]));
                    Assert.Contains("comes before layer", early.Message);
                }
            }
        }
    }
}
