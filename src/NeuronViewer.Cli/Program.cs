using System.CommandLine;

var root = new RootCommand("NeuronViewer: explain the neurons of a language model (collect, explain, simulate, score).");
return await root.Parse(args).InvokeAsync();
