using System.Buffers.Binary;

namespace NeuronViewer.Storage.Codecs;

/// <summary>Encodes a list of doubles compactly and exactly: as scaled decimals, as float32, or as float64, whichever is smallest and loses nothing.</summary>
internal static class ActivationCodec
{
    private const byte Float64 = 0;
    private const byte Float32 = 1;
    private const byte ScaledDecimal = 2;
    private const int MaxDecimals = 6;

    public static void Write(BinaryWriter writer, IReadOnlyList<double> values)
    {
        writer.Write7BitEncodedInt(values.Count);
        var decimals = FindDecimals(values);
        var float32Exact = IsFloat32Exact(values);
        if (decimals >= 0 && (!float32Exact || ScaledSize(values, decimals) < 4L * values.Count))
        {
            writer.Write(ScaledDecimal);
            writer.Write((byte)decimals);
            var scale = Pow10(decimals);
            foreach (var v in values)
                writer.Write7BitEncodedInt64(Code(v, scale));
        }
        else if (float32Exact)
        {
            writer.Write(Float32);
            Span<byte> buffer = stackalloc byte[4];
            foreach (var v in values)
            {
                BinaryPrimitives.WriteSingleLittleEndian(buffer, (float)v);
                writer.Write(buffer);
            }
        }
        else
        {
            writer.Write(Float64);
            foreach (var v in values)
                writer.Write(v);
        }
    }

    public static double[] Read(BinaryReader reader)
    {
        var count = reader.Read7BitEncodedInt();
        var values = new double[count];
        var mode = reader.ReadByte();
        switch (mode)
        {
            case ScaledDecimal:
                var scale = Pow10(reader.ReadByte());
                for (var i = 0; i < count; i++)
                    values[i] = Value(reader.Read7BitEncodedInt64(), scale);
                break;
            case Float32:
                for (var i = 0; i < count; i++)
                    values[i] = reader.ReadSingle();
                break;
            case Float64:
                for (var i = 0; i < count; i++)
                    values[i] = reader.ReadDouble();
                break;
            default:
                throw new InvalidDataException($"Unknown activation encoding {mode}: the database was written by a newer NeuronViewer or is damaged.");
        }
        return values;
    }

    /// <summary>The fewest decimals d such that every value is exactly k / 10^d for an integer k, or -1.</summary>
    private static int FindDecimals(IReadOnlyList<double> values)
    {
        for (var d = 0; d <= MaxDecimals; d++)
        {
            var scale = Pow10(d);
            var ok = true;
            foreach (var v in values)
            {
                if (!double.IsFinite(v) || Math.Abs(v * scale) > 1e15 || !SameBits(Value(Code(v, scale), scale), v))
                {
                    ok = false;
                    break;
                }
            }
            if (ok)
                return d;
        }
        return -1;
    }

    private static long ScaledSize(IReadOnlyList<double> values, int decimals)
    {
        var scale = Pow10(decimals);
        long size = 0;
        foreach (var v in values)
        {
            var bits = 64 - System.Numerics.BitOperations.LeadingZeroCount((ulong)Code(v, scale));
            size += Math.Max(1, (bits + 6) / 7);
        }
        return size;
    }

    private static bool IsFloat32Exact(IReadOnlyList<double> values)
    {
        foreach (var v in values)
        {
            if (!double.IsNaN(v) && !SameBits((float)v, v))
                return false;
        }
        return true;
    }

    private static bool SameBits(double a, double b) => BitConverter.DoubleToInt64Bits(a) == BitConverter.DoubleToInt64Bits(b);

    private static double Pow10(int d) => Math.Pow(10, d);

    /// <summary>0 stands for −0.0 (rounded small negatives, as Python writes them); other values are zigzag(k) + 1.</summary>
    private static long Code(double v, double scale) =>
        v == 0 && double.IsNegative(v) ? 0 : ZigZag((long)Math.Round(v * scale)) + 1;

    private static double Value(long code, double scale) => code == 0 ? -0.0 : UnZigZag(code - 1) / scale;

    private static long ZigZag(long v) => (v << 1) ^ (v >> 63);

    private static long UnZigZag(long z) => (long)((ulong)z >> 1) ^ -(z & 1);
}
