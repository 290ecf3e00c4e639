using System.Buffers.Binary;

namespace Sim.Hypervisors.Memory;

/// <summary>Little-endian scalar reads and writes through a device's access path.</summary>
public static class DeviceMemoryExtensions
{
    /// <summary>Reads a little-endian u16; <paramref name="value"/> is 0 unless the verdict is Allowed.</summary>
    public static AccessVerdict ReadUInt16(this IDeviceMemory memory, ulong address, out ushort value)
    {
        Span<byte> bytes = stackalloc byte[2];
        var verdict = memory.Read(address, bytes);
        value = verdict == AccessVerdict.Allowed ? BinaryPrimitives.ReadUInt16LittleEndian(bytes) : (ushort)0;
        return verdict;
    }

    /// <summary>Reads a little-endian u32; <paramref name="value"/> is 0 unless the verdict is Allowed.</summary>
    public static AccessVerdict ReadUInt32(this IDeviceMemory memory, ulong address, out uint value)
    {
        Span<byte> bytes = stackalloc byte[4];
        var verdict = memory.Read(address, bytes);
        value = verdict == AccessVerdict.Allowed ? BinaryPrimitives.ReadUInt32LittleEndian(bytes) : 0;
        return verdict;
    }

    /// <summary>Reads a little-endian u64; <paramref name="value"/> is 0 unless the verdict is Allowed.</summary>
    public static AccessVerdict ReadUInt64(this IDeviceMemory memory, ulong address, out ulong value)
    {
        Span<byte> bytes = stackalloc byte[8];
        var verdict = memory.Read(address, bytes);
        value = verdict == AccessVerdict.Allowed ? BinaryPrimitives.ReadUInt64LittleEndian(bytes) : 0;
        return verdict;
    }

    /// <summary>Writes a little-endian u16.</summary>
    public static AccessVerdict WriteUInt16(this IDeviceMemory memory, ulong address, ushort value)
    {
        Span<byte> bytes = stackalloc byte[2];
        BinaryPrimitives.WriteUInt16LittleEndian(bytes, value);
        return memory.Write(address, bytes);
    }

    /// <summary>Writes a little-endian u32.</summary>
    public static AccessVerdict WriteUInt32(this IDeviceMemory memory, ulong address, uint value)
    {
        Span<byte> bytes = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(bytes, value);
        return memory.Write(address, bytes);
    }
}
