using System.CommandLine;

namespace NeuronViewer.Cli.Commands;

/// <summary><c>collect</c>: placeholder until written.</summary>
public static class CollectCommand
{
    public static Command Create() => new("collect", "Collect neuron records.");
}
