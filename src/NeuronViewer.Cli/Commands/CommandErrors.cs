using System.CommandLine;
using NeuronViewer.Pipeline.Exchange;
using NeuronViewer.Storage;
using NeuronViewer.SubjectModel.Checkpoints;
using NeuronViewer.SubjectModel.Corpus;

namespace NeuronViewer.Cli.Commands;

/// <summary>Runs a command body and turns expected failures into a one-line error and a non-zero exit code.</summary>
public static class CommandErrors
{
    /// <summary>Exit code for bad input (missing files, bad checkpoint, bad corpus, out-of-range arguments).</summary>
    public const int BadInput = 2;

    /// <summary>Exit code when the work ran but failed (an explainer failure, failed items in a run).</summary>
    public const int Failed = 1;

    public static async Task<int> Guard(ParseResult parse, Func<TextWriter, TextWriter, CancellationToken, Task<int>> body, CancellationToken ct)
    {
        var output = parse.InvocationConfiguration.Output;
        var error = parse.InvocationConfiguration.Error;
        try
        {
            return await body(output, error, ct);
        }
        catch (Exception e) when (e is CheckpointException or CorpusException or ArgumentException or FileNotFoundException
            or DirectoryNotFoundException or UsageException or InvalidDataException or StorageException or ImportException
            or InvalidOperationException or UnauthorizedAccessException)
        {
            await error.WriteLineAsync("error: " + OneLine(e.Message));
            return BadInput;
        }
        catch (ExplainerFailedException e)
        {
            await error.WriteLineAsync("error: the explainer failed: " + OneLine(e.Message));
            return Failed;
        }
        catch (OperationCanceledException)
        {
            await error.WriteLineAsync("cancelled; progress is saved, run the same command again to resume.");
            return 130;
        }
    }

    private static string OneLine(string message) => message.ReplaceLineEndings(" ").Trim();
}

/// <summary>A command-line argument that is well-formed but not acceptable (the message says why).</summary>
public sealed class UsageException(string message) : Exception(message);
