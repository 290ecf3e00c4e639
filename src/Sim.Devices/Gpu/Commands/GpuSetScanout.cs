using System.Buffers.Binary;

namespace Sim.Devices.Gpu;

/// <summary>
/// VIRTIO_GPU_CMD_SET_SCANOUT (virtio 1.2, 5.7.6.8; <c>struct virtio_gpu_set_scanout</c>, <see cref="GpuLayout.SetScanout"/>):
/// show the rectangle <see cref="Rect"/> of a resource on a scanout; resource id 0 disables the scanout.
/// </summary>
/// <param name="Header">The request header; its type must be <see cref="GpuLayout.CmdSetScanout"/>.</param>
/// <param name="Rect">The part of the resource the scanout shows.</param>
/// <param name="ScanoutId">The scanout, below config num_scanouts.</param>
/// <param name="ResourceId">The resource shown, or 0 to disable the scanout.</param>
public sealed record GpuSetScanout(GpuCtrlHeader Header, GpuRect Rect, uint ScanoutId, uint ResourceId)
{
    private const string Name = "virtio_gpu_set_scanout";
    private readonly GpuCtrlHeader _header = GpuWire.RequireType(Header, GpuLayout.CmdSetScanout, Name);

    /// <summary>The request header, checked to be a SET_SCANOUT.</summary>
    public GpuCtrlHeader Header { get => _header; init => _header = GpuWire.RequireType(value, GpuLayout.CmdSetScanout, Name); }

    /// <summary>An unfenced SET_SCANOUT.</summary>
    public static GpuSetScanout Create(GpuRect rect, uint scanoutId, uint resourceId) =>
        new(GpuCtrlHeader.Command(GpuLayout.CmdSetScanout), rect, scanoutId, resourceId);

    /// <summary>The <see cref="GpuLayout.SetScanout.Size"/> request bytes.</summary>
    public byte[] Encode()
    {
        var bytes = new byte[GpuLayout.SetScanout.Size];
        Header.EncodeInto(bytes);
        Rect.EncodeInto(bytes.AsSpan(GpuLayout.SetScanout.Rect));
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(GpuLayout.SetScanout.ScanoutId), ScanoutId);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(GpuLayout.SetScanout.ResourceId), ResourceId);
        return bytes;
    }

    /// <summary>Reads the command from <paramref name="source"/>; false with a <paramref name="problem"/> when too short or another type.</summary>
    public static bool TryDecode(ReadOnlySpan<byte> source, out GpuSetScanout? command, out string problem)
    {
        command = null;
        if (!GpuWire.TryHeader(source, GpuLayout.SetScanout.Size, GpuLayout.CmdSetScanout, Name, out var header, out problem)) return false;
        command = new GpuSetScanout(
            header,
            GpuRect.Decode(source[GpuLayout.SetScanout.Rect..]),
            BinaryPrimitives.ReadUInt32LittleEndian(source[GpuLayout.SetScanout.ScanoutId..]),
            BinaryPrimitives.ReadUInt32LittleEndian(source[GpuLayout.SetScanout.ResourceId..]));
        return true;
    }

    /// <summary>Reads the command from <paramref name="source"/>; throws <see cref="FormatException"/> with the problem.</summary>
    public static GpuSetScanout Decode(ReadOnlySpan<byte> source) =>
        GpuWire.OrThrow(TryDecode(source, out var command, out string problem), command, problem);
}
