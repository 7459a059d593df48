using System.CommandLine;

namespace NeuronViewer.Cli.Commands;

/// <summary><c>--data-folder</c>: one option on the root, valid on every command, that overrides NeuronViewer:DataFolder.</summary>
public static class DataFolderOption
{
    public const string Name = "--data-folder";

    /// <summary>A new instance for a root command (recursive, so every subcommand accepts it).</summary>
    public static Option<string?> Create() => new(Name)
    {
        Description = "The data folder holding the database and checkpoints; overrides NeuronViewer:DataFolder.",
        Recursive = true,
    };

    /// <summary>The folder given on the command line, or null for the configured one.</summary>
    public static string? Of(ParseResult parse) => parse.GetValue<string?>(Name);
}
