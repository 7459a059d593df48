using System.Collections.Concurrent;
using NeuronViewer.Core.Abstractions;

namespace NeuronViewer.Pipeline.Subject;

/// <summary>Remembers each token's embedding after its first look-up (the offline simulator asks for the same tokens millions of times).</summary>
public sealed class CachedTokenEmbeddings(ITokenEmbeddings inner) : ITokenEmbeddings
{
    private readonly ConcurrentDictionary<string, float[]?> cache = new(StringComparer.Ordinal);

    public float[]? Vector(string token) => cache.GetOrAdd(token, inner.Vector);
}
