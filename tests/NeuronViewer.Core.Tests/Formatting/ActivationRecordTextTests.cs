using NeuronViewer.Core.Formatting;
using NeuronViewer.Core.Records;

namespace NeuronViewer.Core.Tests.Formatting;

/// <summary>Spec §3 worked example (test vector §19.1).</summary>
public class ActivationRecordTextTests
{
    private static readonly ActivationRecord[] Records =
    [
        new(["The", " cat", " sat"], [0, 3.0, -0.5]),
        new(["A", " dog", " ran", " far"], [1.5, 0.2, 6.0, 0]),
    ];

    [Fact]
    public void Worked_example_max_normalisation_and_non_zero_share()
    {
        Assert.Equal(6.0, ActivationNormalization.CalculateMaxActivation(Records));
        Assert.Equal([0, 5, 0], ActivationNormalization.NormalizeActivations(Records[0].Activations, 6.0));
        Assert.Equal([2, 0, 10, 0], ActivationNormalization.NormalizeActivations(Records[1].Activations, 6.0));
        Assert.Equal(3.0 / 7, ActivationNormalization.NonZeroActivationProportion(Records, 6.0));
    }

    [Fact]
    public void Worked_example_text()
    {
        Assert.Equal(
            "\n<start>\nThe\t0\n cat\t5\n sat\t0\n<end>\n<start>\nA\t2\n dog\t0\n ran\t10\n far\t0\n<end>\n",
            ActivationRecordText.FormatActivationRecords(Records, 6.0));
    }

    [Fact]
    public void Worked_example_with_zeros_omitted()
    {
        Assert.Equal(
            "\n<start>\n cat\t5\n<end>\n<start>\nA\t2\n ran\t10\n<end>\n",
            ActivationRecordText.FormatActivationRecords(Records, 6.0, omitZeros: true));
    }

    [Fact]
    public void Worked_example_with_start_indices()
    {
        Assert.Equal(
            "\n<start>\nThe\tunknown\n cat\tunknown\n sat\t0\n<end>\n<start>\nA\tunknown\n dog\t0\n ran\t10\n far\t0\n<end>\n",
            ActivationRecordText.FormatActivationRecords(Records, 6.0, startIndices: [2, 1]));
    }

    [Fact]
    public void Hidden_activations_are_all_unknown()
    {
        Assert.Equal(
            "\n<start>\nThe\tunknown\n cat\tunknown\n sat\tunknown\n<end>\n<start>\nA\tunknown\n dog\tunknown\n ran\tunknown\n far\tunknown\n<end>\n",
            ActivationRecordText.FormatActivationRecords(Records, 6.0, hideActivations: true));
        Assert.Equal("unknown", ActivationRecordText.UnknownActivationString);
    }

    [Fact]
    public void A_record_left_empty_by_omitting_zeros_gives_an_empty_body()
    {
        ActivationRecord[] records = [new(["a", "b"], [0, -1]), new(["c"], [2])];
        Assert.Equal("\n<start>\n\n<end>\n<start>\nc\t10\n<end>\n", ActivationRecordText.FormatActivationRecords(records, 2, omitZeros: true));
    }

    [Fact]
    public void Tokens_are_inserted_verbatim()
    {
        ActivationRecord[] records = [new(["a\tb", "\n"], [1, 0])];
        Assert.Equal("\n<start>\na\tb\t10\n\n\t0\n<end>\n", ActivationRecordText.FormatActivationRecords(records, 1));
    }

    [Fact]
    public void Sequences_for_simulation_mark_every_token_unknown()
    {
        Assert.Equal(
            "\n<start>\nThe\tunknown\n cat\tunknown\n<end>\n<start>\nA\tunknown\n<end>\n",
            ActivationRecordText.FormatSequencesForSimulation([["The", " cat"], ["A"]]));
    }

    [Fact]
    public void Omitting_zeros_with_hidden_values_or_start_indices_is_refused()
    {
        Assert.Throws<ArgumentException>(() => ActivationRecordText.FormatActivationRecords(Records, 6, omitZeros: true, hideActivations: true));
        Assert.Throws<ArgumentException>(() => ActivationRecordText.FormatActivationRecords(Records, 6, omitZeros: true, startIndices: [1, 0]));
        Assert.Equal(
            ActivationRecordText.FormatActivationRecords(Records, 6, omitZeros: true),
            ActivationRecordText.FormatActivationRecords(Records, 6, omitZeros: true, startIndices: [0, 0]));
        var e = Assert.Throws<ArgumentException>(() => ActivationRecordText.FormatActivationRecords(Records, 6, startIndices: [1]));
        Assert.Contains("2 records but 1 start indices", e.Message, StringComparison.Ordinal);
    }
}
