namespace NeuronViewer.Core.Tests.TestSupport;

/// <summary>Files copied beside the test assembly from the Data folder.</summary>
public static class TestData
{
    public const string RealNeuronFile = "gpt2-xl_collated-activations_layer1_neuron1.json";

    public static string PathOf(string name) => Path.Combine(AppContext.BaseDirectory, "Data", name);

    public static byte[] Bytes(string name) => File.ReadAllBytes(PathOf(name));
}
