using System.CommandLine;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using NeuronViewer.SubjectModel.Checkpoints;
using NeuronViewer.SubjectModel.Tokenization;
using TorchSharp;
using static TorchSharp.torch;

namespace NeuronViewer.Cli.Commands;

/// <summary><c>forward</c>: runs the subject model on token ids or text; prints logits and every layer's MLP activations.</summary>
public static class ForwardCommand
{
    public static Command Create()
    {
        var model = new Option<string?>("--model") { Description = "HF GPT-2 checkpoint folder, or 'bundled' (default: the configured model)." };
        var ids = new Option<string?>("--token-ids") { Description = "Comma-separated token ids, e.g. 1,2,3." };
        var text = new Option<string?>("--text") { Description = "Text to tokenise with GPT-2's tokenizer." };
        var json = new Option<bool>("--json") { Description = "Print {\"tokens\", \"logits\" [position][vocab], \"mlp_activations\" [layer][position][neuron]} as JSON." };
        var command = new Command("forward", "Run the subject model on tokens and print logits and MLP activations.") { model, ids, text, json };
        command.SetAction((parse, ct) => CommandErrors.Guard(parse, async (stdout, _, _) =>
        {
            var settings = CliSettings.Load();
            string? idText = parse.GetValue(ids), input = parse.GetValue(text);
            if ((idText is null) == (input is null)) throw new UsageException("Give exactly one of --token-ids or --text.");
            var tokens = idText is not null ? ParseIds(idText) : Gpt2Tokenizer.Shared.Encode(input!);
            if (tokens.Length == 0) throw new UsageException("There are no tokens to run.");
            torch.set_num_threads(settings.Threads);
            using var m = CheckpointLoader.Load(parse.GetValue(model) ?? settings.ModelPath, settings.Device);
            using var _ = inference_mode();
            using var idTensor = tensor(tokens.Select(t => (long)t).ToArray());
            using var logits = m.Logits(idTensor);
            var layers = Enumerable.Range(0, m.Config.Layers).ToList();
            var acts = m.MlpActivations(idTensor, layers);
            var strings = tokens.Select(t => t < Gpt2Tokenizer.Shared.VocabularySize ? Gpt2Tokenizer.Shared.TokenString(t) : $"<{t}>").ToList();
            if (parse.GetValue(json)) await stdout.WriteLineAsync(Json(strings, logits[0], acts));
            else await stdout.WriteLineAsync(Summary(strings, logits[0], m.Config.Layers, m.Config.MlpDim));
            foreach (var a in acts) a.Dispose();
            return 0;
        }, ct));
        return command;
    }

    private static int[] ParseIds(string text)
    {
        var parts = text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        return parts.Select(p => int.TryParse(p, NumberStyles.Integer, CultureInfo.InvariantCulture, out var id)
            ? id : throw new UsageException($"--token-ids: '{p}' is not an integer token id.")).ToArray();
    }

    private static string Json(IReadOnlyList<string> tokens, Tensor logits, Tensor[] acts)
    {
        using var ms = new MemoryStream();
        using (var w = new Utf8JsonWriter(ms, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            w.WriteStartObject();
            w.WritePropertyName("tokens");
            w.WriteStartArray();
            foreach (var t in tokens) w.WriteStringValue(t);
            w.WriteEndArray();
            w.WritePropertyName("logits");
            Matrix(w, logits);
            w.WritePropertyName("mlp_activations");
            w.WriteStartArray();
            foreach (var a in acts) Matrix(w, a[0]);
            w.WriteEndArray();
            w.WriteEndObject();
        }
        return System.Text.Encoding.UTF8.GetString(ms.ToArray());
    }

    /// <summary>A [rows, columns] tensor as nested arrays of shortest round-trip float32 numbers.</summary>
    private static void Matrix(Utf8JsonWriter w, Tensor m)
    {
        var values = m.contiguous().data<float>().ToArray();
        long cols = m.shape[1];
        w.WriteStartArray();
        for (long r = 0; r < m.shape[0]; r++)
        {
            w.WriteStartArray();
            for (long c = 0; c < cols; c++) w.WriteNumberValue(values[r * cols + c]);
            w.WriteEndArray();
        }
        w.WriteEndArray();
    }

    private static string Summary(IReadOnlyList<string> tokens, Tensor logits, int layers, int neurons)
    {
        var (_, next) = logits[^1].topk(5);
        var guesses = next.data<long>().ToArray().Select(i => $"'{Gpt2Tokenizer.Shared.TokenString((int)i)}'");
        return $"{tokens.Count} tokens; {layers} layers × {neurons} neurons; most likely next tokens: {string.Join(", ", guesses)} (use --json for all values)";
    }
}
