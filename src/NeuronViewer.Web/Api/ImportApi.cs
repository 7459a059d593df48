using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using NeuronViewer.Pipeline.Exchange;

namespace NeuronViewer.Web.Api;

/// <summary>
/// <c>POST /api/import</c>: OpenAI files (NeuronRecord <c>.json</c>, explanation <c>.jsonl</c>) as multipart/form-data, checked and
/// imported all or nothing by <see cref="OpenAiImporter"/> within <see cref="ImportLimits"/>; optional <c>subject_model</c> query
/// parameter. Needs <see cref="ApiRequests.ClientHeader"/>. Any problem answers 400 listing every problem, and nothing is written.
/// </summary>
public static class ImportApi
{
    internal static void MapImport(this RouteGroupBuilder api) =>
        api.MapPost("/import", ImportAsync).RequireClientHeader().DisableAntiforgery().WithName("Import");

    private static async Task<Results<JsonHttpResult<ImportReport>, ProblemHttpResult>> ImportAsync(
        HttpContext context, OpenAiImporter importer, IOptions<ImportLimits> options)
    {
        var limits = options.Value;
        var request = context.Request;
        if (!request.HasFormContentType || !request.ContentType!.StartsWith("multipart/form-data", StringComparison.OrdinalIgnoreCase))
            return Bad("The body must be multipart/form-data with the files to import.");
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
            size.MaxRequestBodySize = limits.MaxTotalBytes + (1 << 20);
        if (request.ContentLength > limits.MaxTotalBytes + (1 << 20))
            return Bad($"The upload is {ImportLimits.Size(request.ContentLength.Value)}; the limit is {ImportLimits.Size(limits.MaxTotalBytes)} per upload.");
        IFormCollection form;
        try
        {
            form = await request.ReadFormAsync(new FormOptions
            {
                MultipartBodyLengthLimit = limits.MaxTotalBytes, ValueCountLimit = limits.MaxFiles + 16, BufferBodyLengthLimit = limits.MaxTotalBytes,
            }, context.RequestAborted);
        }
        catch (InvalidDataException)
        {
            return Bad($"The upload is larger than the limit of {ImportLimits.Size(limits.MaxTotalBytes)} per upload (or has more than {limits.MaxFiles} files).");
        }
        catch (Exception e) when (e is BadHttpRequestException or IOException)
        {
            return Bad($"The upload could not be read: {e.Message}");
        }
        var files = form.Files;
        if (files.Count == 0)
            return Bad("The upload has no files: attach .json neuron records or .jsonl explanations.");
        if (files.Count > limits.MaxFiles)
            return Bad($"{files.Count:N0} files were sent; upload at most {limits.MaxFiles} at a time.");
        var total = files.Sum(f => f.Length);
        if (total > limits.MaxTotalBytes)
            return Bad($"The files add up to {ImportLimits.Size(total)}; the limit is {ImportLimits.Size(limits.MaxTotalBytes)} per upload.");
        var imports = files.Select(f => new ImportFile(f.FileName, f.Length, f.OpenReadStream)).ToList();
        var subjectModel = request.Query.TryGetValue("subject_model", out var model) ? model.ToString() : null;
        try
        {
            var report = await Task.Run(() => importer.Import(imports, limits.Options(subjectModel)), context.RequestAborted);
            return TypedResults.Json(report, ApiJson.Options);
        }
        catch (ImportException e)
        {
            return Problems.BadBody("Import refused; nothing was imported", e.Problems);
        }
    }

    private static ProblemHttpResult Bad(string message) => Problems.BadBody("Import refused; nothing was imported", [message]);
}
