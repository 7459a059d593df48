using System.IO.Compression;
using System.IO.Pipelines;
using NeuronViewer.Pipeline.Exchange;
using NeuronViewer.Storage;

namespace NeuronViewer.Web.Api;

/// <summary>
/// Bulk export: <c>GET /api/export</c> streams everything as JSON lines (runs, neurons, explanations, scores, …) and
/// <c>GET /api/export/openai-layout.zip</c> downloads OpenAI's public-dataset layout as a zip.
/// </summary>
public static class ExportApi
{
    /// <summary>The JSON-lines export's address.</summary>
    public const string JsonLinesPath = "/api/export";

    /// <summary>The zip export's address.</summary>
    public const string ZipPath = "/api/export/openai-layout.zip";

    internal static void MapExports(this RouteGroupBuilder api)
    {
        api.MapGet("/export", JsonLinesAsync).WithName("ExportJsonLines");
        api.MapGet("/export/openai-layout.zip", ZipAsync).WithName("ExportOpenAiLayout");
    }

    /// <summary>
    /// Streams the export as it is written: the exporter writes on a worker thread into a pipe that the response reads
    /// (Kestrel allows no synchronous writes). A failure part-way aborts the connection, so a client never takes a
    /// cut-off file for a whole one.
    /// </summary>
    private static async Task JsonLinesAsync(HttpContext context, NeuronViewerStore store)
    {
        var cancel = context.RequestAborted;
        var pipe = new Pipe();
        var writer = Task.Run(() =>
        {
            try
            {
                var stream = pipe.Writer.AsStream(leaveOpen: true);
                new JsonLinesExporter(store).Write(stream, cancel);
                pipe.Writer.Complete();
            }
            catch (Exception e)
            {
                pipe.Writer.Complete(e);
            }
        }, CancellationToken.None);
        context.Response.ContentType = "application/x-ndjson; charset=utf-8";
        context.Response.Headers.ContentDisposition = $"attachment; filename=\"{FileName("jsonl")}\"";
        try
        {
            await pipe.Reader.CopyToAsync(context.Response.Body, cancel);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            context.RequestServices.GetRequiredService<ILogger<NeuronViewerStore>>().LogError(e, "The JSON-lines export failed part-way; the download was aborted");
            context.Abort();
        }
        finally
        {
            // The exporter stops at its next cancellation check when the client went away.
            await pipe.Reader.CompleteAsync();
            await writer;
        }
    }

    /// <summary>Writes the layout into a temporary folder, zips it into a temporary file and sends that (deleted when sent).</summary>
    private static async Task<IResult> ZipAsync(NeuronViewerStore store, CancellationToken cancel)
    {
        var root = Path.Combine(Path.GetTempPath(), "neuronviewer-export-" + Guid.NewGuid().ToString("N"));
        var zip = root + ".zip";
        try
        {
            await Task.Run(() =>
            {
                new OpenAiLayoutExporter(store).Write(Path.Combine(root, "layout"), cancel);
                ZipFile.CreateFromDirectory(Path.Combine(root, "layout"), zip, CompressionLevel.Fastest, includeBaseDirectory: false);
            }, cancel);
        }
        catch
        {
            File.Delete(zip);
            throw;
        }
        finally
        {
            if (Directory.Exists(root))
                Directory.Delete(root, recursive: true);
        }
        var stream = new FileStream(zip, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, 1 << 16, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        return Results.File(stream, "application/zip", FileName("zip"));
    }

    private static string FileName(string extension) => $"neuronviewer-export-{DateTime.UtcNow:yyyyMMdd-HHmmss}.{extension}";
}
