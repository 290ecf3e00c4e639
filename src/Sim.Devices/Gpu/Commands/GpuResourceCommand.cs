using System.Buffers.Binary;

namespace Sim.Devices.Gpu;

/// <summary>
/// A command that names only a resource (virtio 1.2, 5.7.6.8): VIRTIO_GPU_CMD_RESOURCE_UNREF
/// (<c>struct virtio_gpu_resource_unref</c>) or VIRTIO_GPU_CMD_RESOURCE_DETACH_BACKING
/// (<c>struct virtio_gpu_resource_detach_backing</c>), which have the same layout: header, resource_id, padding
/// (<see cref="GpuLayout.ResourceUnref"/>, <see cref="GpuLayout.ResourceDetachBacking"/>).
/// </summary>
/// <param name="Header">The request header; its type is <see cref="GpuLayout.CmdResourceUnref"/> or <see cref="GpuLayout.CmdResourceDetachBacking"/>.</param>
/// <param name="ResourceId">The resource.</param>
public sealed record GpuResourceCommand(GpuCtrlHeader Header, uint ResourceId)
{
    private const string Name = "virtio_gpu_resource_unref or _detach_backing";
    private readonly GpuCtrlHeader _header = RequireType(Header);

    /// <summary>The request header, checked to be an UNREF or a DETACH_BACKING.</summary>
    public GpuCtrlHeader Header { get => _header; init => _header = RequireType(value); }

    /// <summary>An unfenced RESOURCE_UNREF of <paramref name="resourceId"/>.</summary>
    public static GpuResourceCommand Unref(uint resourceId) => new(GpuCtrlHeader.Command(GpuLayout.CmdResourceUnref), resourceId);

    /// <summary>An unfenced RESOURCE_DETACH_BACKING of <paramref name="resourceId"/>.</summary>
    public static GpuResourceCommand DetachBacking(uint resourceId) => new(GpuCtrlHeader.Command(GpuLayout.CmdResourceDetachBacking), resourceId);

    /// <summary>The <see cref="GpuLayout.ResourceUnref.Size"/> request bytes (padding zero).</summary>
    public byte[] Encode()
    {
        var bytes = new byte[GpuLayout.ResourceUnref.Size];
        Header.EncodeInto(bytes);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(GpuLayout.ResourceUnref.ResourceId), ResourceId);
        return bytes;
    }

    /// <summary>Reads a command of <paramref name="type"/> from <paramref name="source"/>; false with a <paramref name="problem"/> when too short or another type.</summary>
    public static bool TryDecode(ReadOnlySpan<byte> source, uint type, out GpuResourceCommand? command, out string problem)
    {
        command = null;
        if (!GpuWire.TryHeader(source, GpuLayout.ResourceUnref.Size, type, Name, out var header, out problem)) return false;
        command = new GpuResourceCommand(header, BinaryPrimitives.ReadUInt32LittleEndian(source[GpuLayout.ResourceUnref.ResourceId..]));
        return true;
    }

    private static GpuCtrlHeader RequireType(GpuCtrlHeader header) =>
        GpuWire.RequireType(header, header?.Type == GpuLayout.CmdResourceDetachBacking ? GpuLayout.CmdResourceDetachBacking : GpuLayout.CmdResourceUnref, Name);
}
