using System.Collections;
using System.Reflection;

namespace NeuronViewer.Core.Tests.TestSupport;

/// <summary>Structural equality of records by their public properties (lists element-wise, NaN equal to NaN), reporting the first difference.</summary>
public static class DeepEquality
{
    public static void AssertEqual(object? expected, object? actual) =>
        Assert.True(Difference(expected, actual, "$") is not { } diff, Difference(expected, actual, "$"));

    public static string? Difference(object? expected, object? actual, string path)
    {
        if (expected is null || actual is null)
            return expected is null && actual is null ? null : $"{path}: {Show(expected)} vs {Show(actual)}";
        if (expected is double de && actual is double da)
            return de.Equals(da) ? null : $"{path}: {de:R} vs {da:R}";
        if (expected is string || expected.GetType().IsPrimitive || expected.GetType().IsEnum)
            return expected.Equals(actual) ? null : $"{path}: {Show(expected)} vs {Show(actual)}";
        if (expected is IEnumerable ee && actual is IEnumerable ea)
        {
            var le = ee.Cast<object?>().ToList();
            var la = ea.Cast<object?>().ToList();
            if (le.Count != la.Count)
                return $"{path}: {le.Count} items vs {la.Count}";
            for (var i = 0; i < le.Count; i++)
            {
                if (Difference(le[i], la[i], $"{path}[{i}]") is { } d)
                    return d;
            }

            return null;
        }

        if (expected.GetType() != actual.GetType())
            return $"{path}: type {expected.GetType().Name} vs {actual.GetType().Name}";
        foreach (var p in expected.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (p.GetIndexParameters().Length > 0 || p.Name == "EqualityContract")
                continue;
            if (Difference(p.GetValue(expected), p.GetValue(actual), $"{path}.{p.Name}") is { } d)
                return d;
        }

        return null;
    }

    private static string Show(object? o) => o switch
    {
        null => "null",
        double d => d.ToString("R"),
        _ => o.ToString() ?? "?",
    };
}
