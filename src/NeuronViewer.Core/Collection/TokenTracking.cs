namespace NeuronViewer.Core.Collection;

/// <summary>Chooses the tokens whose mean activation collection tracks for the token look-up table.</summary>
public static class TokenTracking
{
    /// <summary>Tokens seen at least MinTokenCount times, the most frequent first (ties: lower id), at most MaxTrackedTokens.</summary>
    public static IReadOnlyList<int> Choose(IReadOnlyDictionary<int, long> counts, CollectionSettings settings) =>
        counts.Where(c => c.Value >= settings.MinTokenCount)
            .OrderByDescending(c => c.Value).ThenBy(c => c.Key)
            .Take(settings.MaxTrackedTokens).Select(c => c.Key).ToList();
}
