Console.WriteLine("NeuronViewer benchmarks: pass a benchmark name.");
