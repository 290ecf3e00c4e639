using System.Buffers.Binary;

namespace Sim.Devices.Gpu;

/// <summary>
/// VIRTIO_GPU_CMD_TRANSFER_TO_HOST_2D (virtio 1.2, 5.7.6.8; <c>struct virtio_gpu_transfer_to_host_2d</c>,
/// <see cref="GpuLayout.TransferToHost2D"/>): copy a rectangle from the resource's guest backing, starting
/// <see cref="Offset"/> bytes into it, to the host resource. This is the per-frame bus traffic of a 2D scanout.
/// </summary>
/// <param name="Header">The request header; its type must be <see cref="GpuLayout.CmdTransferToHost2D"/>.</param>
/// <param name="Rect">The rectangle copied.</param>
/// <param name="Offset">Byte offset of the rectangle's first pixel in the backing.</param>
/// <param name="ResourceId">The resource.</param>
public sealed record GpuTransferToHost2D(GpuCtrlHeader Header, GpuRect Rect, ulong Offset, uint ResourceId)
{
    private const string Name = "virtio_gpu_transfer_to_host_2d";
    private readonly GpuCtrlHeader _header = GpuWire.RequireType(Header, GpuLayout.CmdTransferToHost2D, Name);

    /// <summary>The request header, checked to be a TRANSFER_TO_HOST_2D.</summary>
    public GpuCtrlHeader Header { get => _header; init => _header = GpuWire.RequireType(value, GpuLayout.CmdTransferToHost2D, Name); }

    /// <summary>An unfenced TRANSFER_TO_HOST_2D.</summary>
    public static GpuTransferToHost2D Create(GpuRect rect, ulong offset, uint resourceId) =>
        new(GpuCtrlHeader.Command(GpuLayout.CmdTransferToHost2D), rect, offset, resourceId);

    /// <summary>The <see cref="GpuLayout.TransferToHost2D.Size"/> request bytes (padding zero).</summary>
    public byte[] Encode()
    {
        var bytes = new byte[GpuLayout.TransferToHost2D.Size];
        Header.EncodeInto(bytes);
        Rect.EncodeInto(bytes.AsSpan(GpuLayout.TransferToHost2D.Rect));
        BinaryPrimitives.WriteUInt64LittleEndian(bytes.AsSpan(GpuLayout.TransferToHost2D.Offset), Offset);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(GpuLayout.TransferToHost2D.ResourceId), ResourceId);
        return bytes;
    }

    /// <summary>Reads the command from <paramref name="source"/>; false with a <paramref name="problem"/> when too short or another type.</summary>
    public static bool TryDecode(ReadOnlySpan<byte> source, out GpuTransferToHost2D? command, out string problem)
    {
        command = null;
        if (!GpuWire.TryHeader(source, GpuLayout.TransferToHost2D.Size, GpuLayout.CmdTransferToHost2D, Name, out var header, out problem)) return false;
        command = new GpuTransferToHost2D(
            header,
            GpuRect.Decode(source[GpuLayout.TransferToHost2D.Rect..]),
            BinaryPrimitives.ReadUInt64LittleEndian(source[GpuLayout.TransferToHost2D.Offset..]),
            BinaryPrimitives.ReadUInt32LittleEndian(source[GpuLayout.TransferToHost2D.ResourceId..]));
        return true;
    }

    /// <summary>Reads the command from <paramref name="source"/>; throws <see cref="FormatException"/> with the problem.</summary>
    public static GpuTransferToHost2D Decode(ReadOnlySpan<byte> source) =>
        GpuWire.OrThrow(TryDecode(source, out var command, out string problem), command, problem);
}
