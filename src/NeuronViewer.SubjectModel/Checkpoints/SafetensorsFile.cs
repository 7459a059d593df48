using System.Buffers.Binary;
using System.Text;
using System.Text.Json;

namespace NeuronViewer.SubjectModel.Checkpoints;

/// <summary>One tensor's entry in a safetensors header: dtype, shape and byte range within the data section.</summary>
public sealed record SafetensorsEntry(string Name, string DType, long[] Shape, long Begin, long End)
{
    public long ElementCount => Shape.Aggregate(1L, (a, b) => a * b);
}

/// <summary>A strict reader of the safetensors format (8-byte header length, JSON header, raw little-endian data).</summary>
public sealed class SafetensorsFile : IDisposable
{
    private readonly FileStream stream;
    private readonly long dataStart;

    private SafetensorsFile(string path, FileStream stream, long dataStart, Dictionary<string, SafetensorsEntry> entries)
    {
        Path = path;
        this.stream = stream;
        this.dataStart = dataStart;
        Entries = entries;
    }

    public string Path { get; }

    public IReadOnlyDictionary<string, SafetensorsEntry> Entries { get; }

    /// <summary>Bytes per element of the dtypes the header may name; null for an unknown dtype.</summary>
    public static int? DTypeSize(string dtype) => dtype switch
    {
        "F64" or "I64" or "U64" => 8,
        "F32" or "I32" or "U32" => 4,
        "F16" or "BF16" or "I16" or "U16" => 2,
        "I8" or "U8" or "BOOL" or "F8_E4M3" or "F8_E5M2" => 1,
        _ => null,
    };

    /// <summary>Opens a file and validates its header against its length; throws <see cref="CheckpointException"/> on any inconsistency.</summary>
    public static SafetensorsFile Open(string path)
    {
        if (!File.Exists(path)) throw new CheckpointException($"{path} does not exist.");
        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
        try
        {
            long length = stream.Length;
            if (length < 8) throw new CheckpointException($"{path} is truncated: {length} bytes, shorter than the 8-byte safetensors header length.");
            Span<byte> lenBytes = stackalloc byte[8];
            stream.ReadExactly(lenBytes);
            ulong headerLength = BinaryPrimitives.ReadUInt64LittleEndian(lenBytes);
            if (headerLength > (ulong)(length - 8))
                throw new CheckpointException($"{path} is truncated or not safetensors: its header claims {headerLength} bytes but only {length - 8} follow.");
            var header = new byte[headerLength];
            stream.ReadExactly(header);
            long dataLength = length - 8 - (long)headerLength;
            var entries = ParseHeader(path, header, dataLength);
            return new SafetensorsFile(path, stream, 8 + (long)headerLength, entries);
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    private static Dictionary<string, SafetensorsEntry> ParseHeader(string path, byte[] header, long dataLength)
    {
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(header);
        }
        catch (JsonException e)
        {
            throw new CheckpointException($"{path} is not a safetensors file: its header is not JSON ({e.Message}).");
        }
        using (doc)
        {
            if (doc.RootElement.ValueKind != JsonValueKind.Object)
                throw new CheckpointException($"{path} is not a safetensors file: its header is not a JSON object.");
            var entries = new Dictionary<string, SafetensorsEntry>(StringComparer.Ordinal);
            foreach (var p in doc.RootElement.EnumerateObject())
            {
                if (p.Name == "__metadata__") continue;
                var e = p.Value;
                if (e.ValueKind != JsonValueKind.Object || !e.TryGetProperty("dtype", out var dt) || !e.TryGetProperty("shape", out var sh)
                    || !e.TryGetProperty("data_offsets", out var off) || off.GetArrayLength() != 2)
                    throw new CheckpointException($"{path}: header entry '{p.Name}' lacks dtype, shape or data_offsets.");
                var dtype = dt.GetString() ?? "";
                var shape = sh.EnumerateArray().Select(x => x.GetInt64()).ToArray();
                long begin = off[0].GetInt64(), end = off[1].GetInt64();
                var entry = new SafetensorsEntry(p.Name, dtype, shape, begin, end);
                if (DTypeSize(dtype) is int size && entry.ElementCount * size != end - begin)
                    throw new CheckpointException($"{path}: tensor '{p.Name}' has shape [{string.Join(",", shape)}] of {dtype} but {end - begin} bytes.");
                if (begin < 0 || end < begin)
                    throw new CheckpointException($"{path}: tensor '{p.Name}' has invalid data_offsets [{begin}, {end}].");
                if (end > dataLength)
                    throw new CheckpointException($"{path} is truncated: tensor '{p.Name}' ends at data byte {end} but the file holds only {dataLength} data bytes.");
                entries.Add(p.Name, entry);
            }
            return entries;
        }
    }

    /// <summary>Reads a floating-point tensor as fp32 (F32, F16, BF16 and F64 are converted); other dtypes are an error.</summary>
    public float[] ReadAsFloat32(SafetensorsEntry entry)
    {
        _ = entry.DType switch
        {
            "F32" or "F16" or "BF16" or "F64" => 0,
            _ => throw new CheckpointException($"{Path}: tensor '{entry.Name}' has dtype {entry.DType}; only F32, F16, BF16 and F64 weights are supported."),
        };
        var bytes = new byte[entry.End - entry.Begin];
        stream.Seek(dataStart + entry.Begin, SeekOrigin.Begin);
        stream.ReadExactly(bytes);
        var result = new float[entry.ElementCount];
        switch (entry.DType)
        {
            case "F32":
                for (int i = 0; i < result.Length; i++) result[i] = BinaryPrimitives.ReadSingleLittleEndian(bytes.AsSpan(i * 4, 4));
                break;
            case "F16":
                for (int i = 0; i < result.Length; i++) result[i] = (float)BinaryPrimitives.ReadHalfLittleEndian(bytes.AsSpan(i * 2, 2));
                break;
            case "BF16":
                for (int i = 0; i < result.Length; i++) result[i] = BitConverter.Int32BitsToSingle(BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(i * 2, 2)) << 16);
                break;
            default:
                for (int i = 0; i < result.Length; i++) result[i] = (float)BinaryPrimitives.ReadDoubleLittleEndian(bytes.AsSpan(i * 8, 8));
                break;
        }
        return result;
    }

    public void Dispose() => stream.Dispose();
}

/// <summary>Writes tensors as a safetensors file (F32 or F16), atomically (temp file, then rename).</summary>
public static class SafetensorsWriter
{
    public static void Write(string path, IReadOnlyList<(string Name, long[] Shape, float[] Data)> tensors, bool asFloat16)
    {
        string dtype = asFloat16 ? "F16" : "F32";
        int size = asFloat16 ? 2 : 4;
        var header = new Dictionary<string, object> { ["__metadata__"] = new Dictionary<string, string> { ["format"] = "pt" } };
        long offset = 0;
        foreach (var (name, shape, data) in tensors)
        {
            long bytes = (long)data.Length * size;
            header[name] = new { dtype, shape, data_offsets = new[] { offset, offset + bytes } };
            offset += bytes;
        }
        var json = JsonSerializer.Serialize(header);
        int pad = (8 - (Encoding.UTF8.GetByteCount(json) % 8)) % 8;
        var headerBytes = Encoding.UTF8.GetBytes(json + new string(' ', pad));
        var temp = path + ".tmp";
        using (var fs = new FileStream(temp, FileMode.Create, FileAccess.Write))
        {
            Span<byte> len = stackalloc byte[8];
            BinaryPrimitives.WriteUInt64LittleEndian(len, (ulong)headerBytes.Length);
            fs.Write(len);
            fs.Write(headerBytes);
            var buffer = new byte[size];
            foreach (var (_, _, data) in tensors)
            {
                foreach (var v in data)
                {
                    if (asFloat16) BinaryPrimitives.WriteHalfLittleEndian(buffer, (Half)v);
                    else BinaryPrimitives.WriteSingleLittleEndian(buffer, v);
                    fs.Write(buffer);
                }
            }
        }
        File.Move(temp, path, overwrite: true);
    }
}
