namespace NeuronViewer.Core.Abstractions;

/// <summary>The subject model's token-embedding space, for baselines that compare tokens by meaning.</summary>
public interface ITokenEmbeddings
{
    /// <summary>The unit-length embedding of a token string that is a single vocabulary token, or null.</summary>
    float[]? Vector(string token);
}
