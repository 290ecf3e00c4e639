using System.Buffers.Binary;

namespace Sim.Devices.Gpu;

/// <summary>
/// <c>struct virtio_gpu_mem_entry</c> (virtio 1.2, 5.7.6.8; <see cref="GpuLayout.MemEntry"/>): one guest page run
/// of a resource's backing: addr le64, length le32, padding le32 (written zero, ignored when read).
/// </summary>
/// <param name="Address">Guest (DMA) address of the run.</param>
/// <param name="Length">Bytes in the run.</param>
public readonly record struct GpuMemEntry(ulong Address, uint Length)
{
    /// <summary>Writes the <see cref="GpuLayout.MemEntry.Size"/> bytes of this entry at the start of <paramref name="destination"/>.</summary>
    public void EncodeInto(Span<byte> destination)
    {
        GpuWire.Require(destination.Length, GpuLayout.MemEntry.Size, "virtio_gpu_mem_entry");
        BinaryPrimitives.WriteUInt64LittleEndian(destination[GpuLayout.MemEntry.Addr..], Address);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[GpuLayout.MemEntry.Length..], Length);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[GpuLayout.MemEntry.Padding..], 0);
    }

    /// <summary>The entry in the first <see cref="GpuLayout.MemEntry.Size"/> bytes of <paramref name="source"/>.</summary>
    public static GpuMemEntry Decode(ReadOnlySpan<byte> source)
    {
        GpuWire.Require(source.Length, GpuLayout.MemEntry.Size, "virtio_gpu_mem_entry");
        return new GpuMemEntry(
            BinaryPrimitives.ReadUInt64LittleEndian(source[GpuLayout.MemEntry.Addr..]),
            BinaryPrimitives.ReadUInt32LittleEndian(source[GpuLayout.MemEntry.Length..]));
    }
}
