using TorchSharp;

namespace NeuronViewer.SubjectModel.Tests;

/// <summary>TorchSharp's native library loads on this machine (the build's GLIBCXX fix) and computes.</summary>
public class TorchLoadsTests
{
    [Fact]
    public void A_tensor_operation_runs_and_gives_the_right_answer()
    {
        using var a = torch.tensor(new float[] { 1, 2, 3, 4 }).reshape(2, 2);
        using var b = torch.matmul(a, a);
        Assert.Equal(new float[] { 7, 10, 15, 22 }, b.data<float>().ToArray());
    }
}
