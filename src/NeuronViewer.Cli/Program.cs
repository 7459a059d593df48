using System.CommandLine;
using NeuronViewer.Cli.Commands;

namespace NeuronViewer.Cli;

/// <summary>The <c>neuronviewer</c> command line: one command per pipeline stage.</summary>
public static class Program
{
    /// <summary>The root command with every command registered.</summary>
    public static RootCommand BuildRoot()
    {
        var root = new RootCommand("NeuronViewer: explain the neurons of a language model (collect, explain, simulate, score).")
        {
            DataFolderOption.Create(),
        };
        root.Add(CollectCommand.Create());
        root.Add(ExplainCommand.Create());
        root.Add(ScoreCommand.Create());
        root.Add(RunCommand.Create());
        root.Add(ImportCommand.Create());
        root.Add(ExportCommand.Create());
        root.Add(ForwardCommand.Create());
        root.Add(TrainDefaultCommand.Create());
        root.Add(BundleCorpusCommand.Create());
        root.Add(AblateCommand.Create());
        return root;
    }

    public static Task<int> Main(string[] args) => BuildRoot().Parse(args).InvokeAsync();
}
