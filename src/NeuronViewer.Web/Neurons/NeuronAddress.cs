using System.Globalization;
using System.Text.RegularExpressions;
using NeuronViewer.Core.Records;

namespace NeuronViewer.Web.Neurons;

/// <summary>Neuron addresses: the page URL <c>/neurons/{layer}/{index}</c> and what a person types to go there ("3:117", "3/117", "3 117").</summary>
public static partial class NeuronAddress
{
    /// <summary>The neuron page's address.</summary>
    public static string PageOf(NeuronId neuron) => $"/neurons/{neuron.LayerIndex}/{neuron.NeuronIndex}";

    /// <summary>Reads "layer:index" (or with '/', ',', '.', or spaces between); false for anything else.</summary>
    public static bool TryParse(string? text, out NeuronId neuron)
    {
        neuron = default;
        if (text is null || Pattern().Match(text.Trim()) is not { Success: true } m)
            return false;
        if (!int.TryParse(m.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var layer)
            || !int.TryParse(m.Groups[2].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var index))
            return false;
        neuron = new NeuronId(layer, index);
        return true;
    }

    /// <summary>Reads the route values of the neuron page; false when either is not a whole number 0 or more.</summary>
    public static bool TryParseRoute(string? layer, string? index, out NeuronId neuron)
    {
        neuron = default;
        if (!int.TryParse(layer, NumberStyles.None, CultureInfo.InvariantCulture, out var l) || !int.TryParse(index, NumberStyles.None, CultureInfo.InvariantCulture, out var n))
            return false;
        neuron = new NeuronId(l, n);
        return true;
    }

    [GeneratedRegex(@"^(\d{1,9})\s*(?:[:/,.]|\s)\s*(\d{1,9})$")]
    private static partial Regex Pattern();
}
