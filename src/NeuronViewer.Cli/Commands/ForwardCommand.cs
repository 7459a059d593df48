using System.CommandLine;

namespace NeuronViewer.Cli.Commands;

/// <summary><c>forward</c>: placeholder until written.</summary>
public static class ForwardCommand
{
    public static Command Create() => new("forward", "Run the subject model on tokens and print logits and MLP activations as JSON.");
}
