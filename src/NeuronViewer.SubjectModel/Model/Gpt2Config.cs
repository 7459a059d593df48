using System.Text.Json;
using System.Text.Json.Nodes;
using NeuronViewer.SubjectModel.Checkpoints;

namespace NeuronViewer.SubjectModel.Model;

/// <summary>The shape of a GPT-2 model, read from a Hugging Face config.json (aliases accepted).</summary>
public sealed record Gpt2Config(
    int VocabSize,
    int ContextLength,
    int ModelDim,
    int Layers,
    int Heads,
    int MlpDim,
    double LayerNormEpsilon)
{
    /// <summary>The per-head dimension (ModelDim / Heads).</summary>
    public int HeadDim => ModelDim / Heads;

    /// <summary>Parses and validates a config.json; throws <see cref="CheckpointException"/> when it is not a usable GPT-2 config.</summary>
    public static Gpt2Config Parse(string json, string source)
    {
        JsonObject root;
        try
        {
            root = JsonNode.Parse(json) as JsonObject
                ?? throw new CheckpointException($"{source} is not a JSON object.");
        }
        catch (JsonException e)
        {
            throw new CheckpointException($"{source} is not valid JSON: {e.Message}");
        }

        var modelType = root["model_type"]?.GetValue<string>();
        if (modelType != "gpt2")
            throw new CheckpointException($"{source} describes model_type '{modelType ?? "(none)"}', not a GPT-2 model (model_type \"gpt2\").");
        var activation = root["activation_function"]?.GetValue<string>() ?? "gelu_new";
        if (activation != "gelu_new")
            throw new CheckpointException($"{source} uses activation_function '{activation}'; only GPT-2's gelu_new is supported.");
        foreach (var flag in new[] { "scale_attn_by_inverse_layer_idx", "reorder_and_upcast_attn" })
            if (root[flag] is JsonValue v && v.GetValueKind() == JsonValueKind.True)
                throw new CheckpointException($"{source} sets {flag}; that GPT-2 variant is not supported.");
        if (root["scale_attn_weights"] is JsonValue s && s.GetValueKind() == JsonValueKind.False)
            throw new CheckpointException($"{source} sets scale_attn_weights false; that GPT-2 variant is not supported.");

        int dim = Int(root, source, "n_embd", "hidden_size");
        int heads = Int(root, source, "n_head", "num_attention_heads");
        var config = new Gpt2Config(
            VocabSize: Int(root, source, "vocab_size"),
            ContextLength: Int(root, source, "n_positions", "max_position_embeddings"),
            ModelDim: dim,
            Layers: Int(root, source, "n_layer", "num_hidden_layers"),
            Heads: heads,
            MlpDim: root["n_inner"] is JsonValue inner && inner.GetValueKind() == JsonValueKind.Number ? inner.GetValue<int>() : 4 * dim,
            LayerNormEpsilon: root["layer_norm_epsilon"] is JsonValue eps && eps.GetValueKind() == JsonValueKind.Number ? eps.GetValue<double>() : 1e-5);
        if (dim % heads != 0)
            throw new CheckpointException($"{source}: n_embd {dim} is not divisible by n_head {heads}.");
        return config;
    }

    /// <summary>The config.json text Hugging Face would write for this shape (used when saving a checkpoint).</summary>
    public string ToJson()
    {
        var o = new JsonObject
        {
            ["model_type"] = "gpt2",
            ["architectures"] = new JsonArray("GPT2LMHeadModel"),
            ["activation_function"] = "gelu_new",
            ["vocab_size"] = VocabSize,
            ["n_positions"] = ContextLength,
            ["n_ctx"] = ContextLength,
            ["n_embd"] = ModelDim,
            ["n_layer"] = Layers,
            ["n_head"] = Heads,
            ["n_inner"] = MlpDim,
            ["layer_norm_epsilon"] = LayerNormEpsilon,
            ["attn_pdrop"] = 0.1,
            ["embd_pdrop"] = 0.1,
            ["resid_pdrop"] = 0.1,
            ["bos_token_id"] = 50256,
            ["eos_token_id"] = 50256,
            ["tie_word_embeddings"] = true,
            ["torch_dtype"] = "float32",
        };
        return o.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
    }

    private static int Int(JsonObject root, string source, params string[] names)
    {
        foreach (var name in names)
        {
            if (root[name] is JsonValue v && v.GetValueKind() == JsonValueKind.Number && v.TryGetValue<int>(out var i))
                return i > 0 ? i : throw new CheckpointException($"{source}: {name} must be positive, not {i}.");
        }
        throw new CheckpointException($"{source} has no integer '{names[0]}'; it is not a GPT-2 config.");
    }
}
