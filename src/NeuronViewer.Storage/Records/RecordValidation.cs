using NeuronViewer.Core.Records;

namespace NeuronViewer.Storage.Records;

/// <summary>Checks a neuron record before it is stored, with a one-line message naming the neuron and the problem.</summary>
internal static class RecordValidation
{
    public static void Validate(NeuronRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var id = record.NeuronId;
        if (id.LayerIndex < 0 || id.NeuronIndex < 0)
            throw new StorageException($"Neuron {id} is invalid: layer and index must be 0 or more.");
        if (record.MostPositiveActivationRecords is null || record.RandomSample is null)
            throw new StorageException($"The record of neuron {id} lacks its top or random excerpts.");
        var groups = record.RandomSampleByQuantile ?? [];
        if (record.RandomSampleByQuantile is not null && record.QuantileBoundaries is null)
            throw new StorageException($"The record of neuron {id} has quantile samples but no quantile boundaries.");
        foreach (var excerpt in record.MostPositiveActivationRecords.Concat(record.RandomSample).Concat(groups.SelectMany(g => g)))
        {
            if (excerpt is null || excerpt.Tokens.Any(t => t is null))
                throw new StorageException($"The record of neuron {id} has an empty excerpt or a null token.");
        }
    }
}
