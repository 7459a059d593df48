namespace NeuronViewer.Storage.Codecs;

/// <summary>Small helpers to build and read binary blobs with BinaryWriter/BinaryReader.</summary>
internal static class Blob
{
    public static byte[] Write(Action<BinaryWriter> write)
    {
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream))
            write(writer);
        return stream.ToArray();
    }

    public static T Read<T>(byte[] blob, Func<BinaryReader, T> read)
    {
        using var reader = new BinaryReader(new MemoryStream(blob, writable: false));
        return read(reader);
    }

    public static byte[] EncodeValues(IReadOnlyList<double> values) => Write(w => ActivationCodec.Write(w, values));

    public static double[] DecodeValues(byte[] blob) => Read(blob, ActivationCodec.Read);

    public static void WriteNullableDouble(BinaryWriter writer, double? value)
    {
        writer.Write(value.HasValue);
        if (value.HasValue)
            writer.Write(value.Value);
    }

    public static double? ReadNullableDouble(BinaryReader reader) => reader.ReadBoolean() ? reader.ReadDouble() : null;
}
