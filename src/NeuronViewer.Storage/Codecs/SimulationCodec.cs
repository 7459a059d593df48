using System.IO.Compression;
using NeuronViewer.Core.Records;

namespace NeuronViewer.Storage.Codecs;

/// <summary>Encodes a full ScoredSimulation (every sequence, distribution and per-sequence score) as one compressed binary blob that round-trips exactly.</summary>
internal static class SimulationCodec
{
    private const byte Version = 1;

    public static byte[] Encode(ScoredSimulation simulation)
    {
        using var output = new MemoryStream();
        output.WriteByte(Version);
        using (var deflate = new DeflateStream(output, CompressionLevel.Fastest, leaveOpen: true))
        using (var writer = new BinaryWriter(deflate))
        {
            writer.Write7BitEncodedInt(simulation.ScoredSequenceSimulations.Count);
            foreach (var scored in simulation.ScoredSequenceSimulations)
            {
                WriteSequence(writer, scored.Simulation);
                ActivationCodec.Write(writer, scored.TrueActivations);
                writer.Write(scored.EvCorrelationScore);
                Blob.WriteNullableDouble(writer, scored.RsquaredScore);
                Blob.WriteNullableDouble(writer, scored.AbsoluteDevExplainedScore);
            }
            Blob.WriteNullableDouble(writer, simulation.EvCorrelationScore);
            Blob.WriteNullableDouble(writer, simulation.RsquaredScore);
            Blob.WriteNullableDouble(writer, simulation.AbsoluteDevExplainedScore);
        }
        return output.ToArray();
    }

    public static ScoredSimulation Decode(byte[] blob)
    {
        if (blob.Length == 0 || blob[0] != Version)
            throw new InvalidDataException("Unknown simulation encoding: the database was written by a newer NeuronViewer or is damaged.");
        using var deflate = new DeflateStream(new MemoryStream(blob, 1, blob.Length - 1, writable: false), CompressionMode.Decompress);
        using var reader = new BinaryReader(deflate);
        var count = reader.Read7BitEncodedInt();
        var sequences = new ScoredSequenceSimulation[count];
        for (var i = 0; i < count; i++)
        {
            var simulation = ReadSequence(reader);
            sequences[i] = new ScoredSequenceSimulation(
                simulation, ActivationCodec.Read(reader), reader.ReadDouble(), Blob.ReadNullableDouble(reader), Blob.ReadNullableDouble(reader));
        }
        return new ScoredSimulation(sequences, Blob.ReadNullableDouble(reader), Blob.ReadNullableDouble(reader), Blob.ReadNullableDouble(reader));
    }

    private static void WriteSequence(BinaryWriter writer, SequenceSimulation sequence)
    {
        TokenCodec.Write(writer, sequence.Tokens);
        ActivationCodec.Write(writer, sequence.ExpectedActivations);
        writer.Write((byte)sequence.ActivationScale);
        WriteJagged(writer, sequence.DistributionValues);
        WriteJagged(writer, sequence.DistributionProbabilities);
        writer.Write(sequence.UncalibratedSimulation is not null);
        if (sequence.UncalibratedSimulation is not null)
            WriteSequence(writer, sequence.UncalibratedSimulation);
    }

    private static SequenceSimulation ReadSequence(BinaryReader reader)
    {
        var tokens = TokenCodec.Read(reader);
        var expected = ActivationCodec.Read(reader);
        var scale = (ActivationScale)reader.ReadByte();
        var values = ReadJagged(reader);
        var probabilities = ReadJagged(reader);
        var uncalibrated = reader.ReadBoolean() ? ReadSequence(reader) : null;
        return new SequenceSimulation(tokens, expected, scale, values, probabilities, uncalibrated);
    }

    private static void WriteJagged(BinaryWriter writer, IReadOnlyList<IReadOnlyList<double>> rows)
    {
        writer.Write7BitEncodedInt(rows.Count);
        foreach (var row in rows)
            writer.Write7BitEncodedInt(row.Count);
        ActivationCodec.Write(writer, rows.SelectMany(r => r).ToArray());
    }

    private static IReadOnlyList<double>[] ReadJagged(BinaryReader reader)
    {
        var lengths = new int[reader.Read7BitEncodedInt()];
        for (var i = 0; i < lengths.Length; i++)
            lengths[i] = reader.Read7BitEncodedInt();
        var flat = ActivationCodec.Read(reader);
        var rows = new IReadOnlyList<double>[lengths.Length];
        var offset = 0;
        for (var i = 0; i < lengths.Length; i++)
        {
            rows[i] = flat[offset..(offset + lengths[i])];
            offset += lengths[i];
        }
        return rows;
    }
}
