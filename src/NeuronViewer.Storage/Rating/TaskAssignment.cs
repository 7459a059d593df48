namespace NeuronViewer.Storage.Rating;

/// <summary>Spreads a study's tasks over its annotators: each task keeps the annotators it has (if still in the study) and is filled up with the least-loaded ones.</summary>
public static class TaskAssignment
{
    /// <summary>
    /// New annotator lists, one per task: <paramref name="perTask"/> annotators each (or all of them when there are fewer),
    /// keeping current ones first, then the least-loaded annotators in the order they were added.
    /// </summary>
    public static List<List<string>> Assign(IReadOnlyList<IReadOnlyList<string>> current, IReadOnlyList<string> annotators, int perTask)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(annotators);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(perTask);
        var members = annotators.Distinct().ToList();
        var order = members.Select((id, i) => (id, i)).ToDictionary(t => t.id, t => t.i);
        var want = Math.Min(perTask, members.Count);
        var kept = current.Select(list => list.Where(order.ContainsKey).Distinct().Take(want).ToList()).ToList();
        var load = members.ToDictionary(id => id, id => kept.Count(list => list.Contains(id)));
        foreach (var list in kept)
        {
            while (list.Count < want)
            {
                var next = members.Where(id => !list.Contains(id)).OrderBy(id => load[id]).ThenBy(id => order[id]).First();
                list.Add(next);
                load[next]++;
            }
        }
        return kept;
    }
}
