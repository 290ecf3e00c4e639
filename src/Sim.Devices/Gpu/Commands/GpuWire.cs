
namespace Sim.Devices.Gpu;

/// <summary>
/// Checks shared by the virtio-gpu encoders and decoders (virtio 1.2, 5.7.6.7): lengths and the header type a struct
/// must carry.
/// </summary>
internal static class GpuWire
{
    /// <summary>Throws when <paramref name="length"/> bytes cannot hold a <paramref name="size"/>-byte <paramref name="name"/>.</summary>
    public static void Require(int length, int size, string name)
    {
        if (length < size) throw new ArgumentException($"a {name} needs {size} bytes, got {length}");
    }

    /// <summary>Throws unless <paramref name="header"/> has the <paramref name="type"/> of <paramref name="name"/>.</summary>
    public static GpuCtrlHeader RequireType(GpuCtrlHeader header, uint type, string name)
    {
        ArgumentNullException.ThrowIfNull(header);
        if (header.Type != type)
            throw new ArgumentException($"a {name} has header type 0x{type:x4}, got 0x{header.Type:x4}", nameof(header));
        return header;
    }

    /// <summary>
    /// Reads the header of a <paramref name="size"/>-byte <paramref name="name"/> of <paramref name="type"/> from
    /// <paramref name="source"/>; false with a <paramref name="problem"/> when too short or of another type.
    /// </summary>
    public static bool TryHeader(ReadOnlySpan<byte> source, int size, uint type, string name, out GpuCtrlHeader header, out string problem)
    {
        header = null!;
        if (source.Length < size)
        {
            problem = $"{name}: {source.Length} bytes, expected {size}";
            return false;
        }
        header = GpuCtrlHeader.Decode(source);
        if (header.Type != type)
        {
            problem = $"{name}: header type 0x{header.Type:x4}, expected 0x{type:x4}";
            return false;
        }
        problem = "";
        return true;
    }

    /// <summary>The decoded value, or a <see cref="FormatException"/> with the problem.</summary>
    public static T OrThrow<T>(bool ok, T? value, string problem) where T : class =>
        ok ? value! : throw new FormatException(problem);
}
