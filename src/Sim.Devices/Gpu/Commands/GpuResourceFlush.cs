using System.Buffers.Binary;

namespace Sim.Devices.Gpu;

/// <summary>
/// VIRTIO_GPU_CMD_RESOURCE_FLUSH (virtio 1.2, 5.7.6.8; <c>struct virtio_gpu_resource_flush</c>,
/// <see cref="GpuLayout.ResourceFlush"/>): put the rectangle of a resource on every scanout showing it.
/// </summary>
/// <param name="Header">The request header; its type must be <see cref="GpuLayout.CmdResourceFlush"/>.</param>
/// <param name="Rect">The updated part of the resource.</param>
/// <param name="ResourceId">The resource.</param>
public sealed record GpuResourceFlush(GpuCtrlHeader Header, GpuRect Rect, uint ResourceId)
{
    private const string Name = "virtio_gpu_resource_flush";
    private readonly GpuCtrlHeader _header = GpuWire.RequireType(Header, GpuLayout.CmdResourceFlush, Name);

    /// <summary>The request header, checked to be a RESOURCE_FLUSH.</summary>
    public GpuCtrlHeader Header { get => _header; init => _header = GpuWire.RequireType(value, GpuLayout.CmdResourceFlush, Name); }

    /// <summary>A RESOURCE_FLUSH, fenced with <paramref name="fenceId"/> when it is given.</summary>
    public static GpuResourceFlush Create(GpuRect rect, uint resourceId, ulong? fenceId = null) =>
        new(GpuCtrlHeader.Command(GpuLayout.CmdResourceFlush, fenceId), rect, resourceId);

    /// <summary>The <see cref="GpuLayout.ResourceFlush.Size"/> request bytes (padding zero).</summary>
    public byte[] Encode()
    {
        var bytes = new byte[GpuLayout.ResourceFlush.Size];
        Header.EncodeInto(bytes);
        Rect.EncodeInto(bytes.AsSpan(GpuLayout.ResourceFlush.Rect));
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(GpuLayout.ResourceFlush.ResourceId), ResourceId);
        return bytes;
    }

    /// <summary>Reads the command from <paramref name="source"/>; false with a <paramref name="problem"/> when too short or another type.</summary>
    public static bool TryDecode(ReadOnlySpan<byte> source, out GpuResourceFlush? command, out string problem)
    {
        command = null;
        if (!GpuWire.TryHeader(source, GpuLayout.ResourceFlush.Size, GpuLayout.CmdResourceFlush, Name, out var header, out problem)) return false;
        command = new GpuResourceFlush(
            header,
            GpuRect.Decode(source[GpuLayout.ResourceFlush.Rect..]),
            BinaryPrimitives.ReadUInt32LittleEndian(source[GpuLayout.ResourceFlush.ResourceId..]));
        return true;
    }

    /// <summary>Reads the command from <paramref name="source"/>; throws <see cref="FormatException"/> with the problem.</summary>
    public static GpuResourceFlush Decode(ReadOnlySpan<byte> source) =>
        GpuWire.OrThrow(TryDecode(source, out var command, out string problem), command, problem);
}
