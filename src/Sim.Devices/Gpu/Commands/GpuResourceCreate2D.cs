using System.Buffers.Binary;

namespace Sim.Devices.Gpu;

/// <summary>
/// VIRTIO_GPU_CMD_RESOURCE_CREATE_2D (virtio 1.2, 5.7.6.8; <c>struct virtio_gpu_resource_create_2d</c>,
/// <see cref="GpuLayout.ResourceCreate2D"/>): create a host resource of a format and size, with no backing yet.
/// </summary>
/// <param name="Header">The request header; its type must be <see cref="GpuLayout.CmdResourceCreate2D"/>.</param>
/// <param name="ResourceId">The driver-chosen resource id (not 0).</param>
/// <param name="Format">The pixel format.</param>
/// <param name="Width">Width in pixels.</param>
/// <param name="Height">Height in pixels.</param>
public sealed record GpuResourceCreate2D(GpuCtrlHeader Header, uint ResourceId, GpuFormat Format, uint Width, uint Height)
{
    private const string Name = "virtio_gpu_resource_create_2d";
    private readonly GpuCtrlHeader _header = GpuWire.RequireType(Header, GpuLayout.CmdResourceCreate2D, Name);

    /// <summary>The request header, checked to be a RESOURCE_CREATE_2D.</summary>
    public GpuCtrlHeader Header { get => _header; init => _header = GpuWire.RequireType(value, GpuLayout.CmdResourceCreate2D, Name); }

    /// <summary>An unfenced RESOURCE_CREATE_2D.</summary>
    public static GpuResourceCreate2D Create(uint resourceId, GpuFormat format, uint width, uint height) =>
        new(GpuCtrlHeader.Command(GpuLayout.CmdResourceCreate2D), resourceId, format, width, height);

    /// <summary>The <see cref="GpuLayout.ResourceCreate2D.Size"/> request bytes.</summary>
    public byte[] Encode()
    {
        var bytes = new byte[GpuLayout.ResourceCreate2D.Size];
        Header.EncodeInto(bytes);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(GpuLayout.ResourceCreate2D.ResourceId), ResourceId);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(GpuLayout.ResourceCreate2D.Format), (uint)Format);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(GpuLayout.ResourceCreate2D.Width), Width);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(GpuLayout.ResourceCreate2D.Height), Height);
        return bytes;
    }

    /// <summary>Reads the command from <paramref name="source"/>; false with a <paramref name="problem"/> when too short or another type.</summary>
    public static bool TryDecode(ReadOnlySpan<byte> source, out GpuResourceCreate2D? command, out string problem)
    {
        command = null;
        if (!GpuWire.TryHeader(source, GpuLayout.ResourceCreate2D.Size, GpuLayout.CmdResourceCreate2D, Name, out var header, out problem)) return false;
        command = new GpuResourceCreate2D(
            header,
            BinaryPrimitives.ReadUInt32LittleEndian(source[GpuLayout.ResourceCreate2D.ResourceId..]),
            (GpuFormat)BinaryPrimitives.ReadUInt32LittleEndian(source[GpuLayout.ResourceCreate2D.Format..]),
            BinaryPrimitives.ReadUInt32LittleEndian(source[GpuLayout.ResourceCreate2D.Width..]),
            BinaryPrimitives.ReadUInt32LittleEndian(source[GpuLayout.ResourceCreate2D.Height..]));
        return true;
    }

    /// <summary>Reads the command from <paramref name="source"/>; throws <see cref="FormatException"/> with the problem.</summary>
    public static GpuResourceCreate2D Decode(ReadOnlySpan<byte> source) =>
        GpuWire.OrThrow(TryDecode(source, out var command, out string problem), command, problem);
}
