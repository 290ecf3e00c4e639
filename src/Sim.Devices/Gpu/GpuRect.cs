using System.Buffers.Binary;

namespace Sim.Devices.Gpu;

/// <summary><c>struct virtio_gpu_rect</c> (virtio 1.2, 5.7.6.8): x, y, width, height, all le32, in pixels.</summary>
/// <param name="X">Left edge.</param>
/// <param name="Y">Top edge.</param>
/// <param name="Width">Width in pixels.</param>
/// <param name="Height">Height in pixels.</param>
public readonly record struct GpuRect(uint X, uint Y, uint Width, uint Height)
{
    /// <summary>Pixels covered: width × height.</summary>
    public ulong PixelCount => (ulong)Width * Height;

    /// <summary>Writes the <see cref="GpuLayout.Rect.Size"/> bytes of this rectangle at the start of <paramref name="destination"/>.</summary>
    public void EncodeInto(Span<byte> destination)
    {
        RequireSize(destination.Length);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[GpuLayout.Rect.X..], X);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[GpuLayout.Rect.Y..], Y);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[GpuLayout.Rect.Width..], Width);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[GpuLayout.Rect.Height..], Height);
    }

    /// <summary>The rectangle in the first <see cref="GpuLayout.Rect.Size"/> bytes of <paramref name="source"/>.</summary>
    public static GpuRect Decode(ReadOnlySpan<byte> source)
    {
        RequireSize(source.Length);
        return new GpuRect(
            BinaryPrimitives.ReadUInt32LittleEndian(source[GpuLayout.Rect.X..]),
            BinaryPrimitives.ReadUInt32LittleEndian(source[GpuLayout.Rect.Y..]),
            BinaryPrimitives.ReadUInt32LittleEndian(source[GpuLayout.Rect.Width..]),
            BinaryPrimitives.ReadUInt32LittleEndian(source[GpuLayout.Rect.Height..]));
    }

    private static void RequireSize(int length)
    {
        if (length < GpuLayout.Rect.Size) throw new ArgumentException($"a virtio_gpu_rect needs {GpuLayout.Rect.Size} bytes, got {length}");
    }
}
