using System.Buffers.Binary;

namespace Sim.Devices.Gpu;

/// <summary>
/// A cursorq command (virtio 1.2, 5.7.6.10; <c>struct virtio_gpu_update_cursor</c>, <see cref="GpuLayout.UpdateCursor"/>):
/// VIRTIO_GPU_CMD_UPDATE_CURSOR sets the cursor's image from a 64 × 64 resource (0 hides it), its hot spot and its
/// position; VIRTIO_GPU_CMD_MOVE_CURSOR only moves it (resource and hot spot ignored). The device writes no response.
/// </summary>
/// <param name="Header">The request header; its type is <see cref="GpuLayout.CmdUpdateCursor"/> or <see cref="GpuLayout.CmdMoveCursor"/>.</param>
/// <param name="ScanoutId">The scanout the cursor is on (<c>pos.scanout_id</c>).</param>
/// <param name="X">Position, pixels from the left.</param>
/// <param name="Y">Position, pixels from the top.</param>
/// <param name="ResourceId">The cursor image (UPDATE_CURSOR).</param>
/// <param name="HotX">Hot spot, pixels from the image's left.</param>
/// <param name="HotY">Hot spot, pixels from the image's top.</param>
public sealed record GpuUpdateCursor(GpuCtrlHeader Header, uint ScanoutId, uint X, uint Y, uint ResourceId, uint HotX, uint HotY)
{
    /// <summary>Width and height of a cursor image in pixels (Linux virtio-gpu's cursor plane; QEMU refuses other sizes).</summary>
    public const uint CursorSize = 64;

    /// <summary>An UPDATE_CURSOR showing <paramref name="resourceId"/> at (<paramref name="x"/>, <paramref name="y"/>) on <paramref name="scanoutId"/>.</summary>
    public static GpuUpdateCursor Update(uint scanoutId, uint x, uint y, uint resourceId, uint hotX = 0, uint hotY = 0) =>
        new(GpuCtrlHeader.Command(GpuLayout.CmdUpdateCursor), scanoutId, x, y, resourceId, hotX, hotY);

    /// <summary>A MOVE_CURSOR to (<paramref name="x"/>, <paramref name="y"/>) on <paramref name="scanoutId"/>.</summary>
    public static GpuUpdateCursor Move(uint scanoutId, uint x, uint y) =>
        new(GpuCtrlHeader.Command(GpuLayout.CmdMoveCursor), scanoutId, x, y, 0, 0, 0);

    /// <summary>Whether this only moves the cursor.</summary>
    public bool IsMove => Header.Type == GpuLayout.CmdMoveCursor;

    /// <summary>The <see cref="GpuLayout.UpdateCursor.Size"/> request bytes (padding zero).</summary>
    public byte[] Encode()
    {
        var bytes = new byte[GpuLayout.UpdateCursor.Size];
        EncodeInto(bytes);
        return bytes;
    }

    /// <summary>Writes the <see cref="GpuLayout.UpdateCursor.Size"/> request bytes at the start of <paramref name="bytes"/>.</summary>
    public void EncodeInto(Span<byte> bytes)
    {
        GpuWire.Require(bytes.Length, GpuLayout.UpdateCursor.Size, "virtio_gpu_update_cursor");
        bytes[..GpuLayout.UpdateCursor.Size].Clear();
        Header.EncodeInto(bytes);
        var pos = bytes[GpuLayout.UpdateCursor.Pos..];
        BinaryPrimitives.WriteUInt32LittleEndian(pos[GpuLayout.CursorPos.ScanoutId..], ScanoutId);
        BinaryPrimitives.WriteUInt32LittleEndian(pos[GpuLayout.CursorPos.X..], X);
        BinaryPrimitives.WriteUInt32LittleEndian(pos[GpuLayout.CursorPos.Y..], Y);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes[GpuLayout.UpdateCursor.ResourceId..], ResourceId);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes[GpuLayout.UpdateCursor.HotX..], HotX);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes[GpuLayout.UpdateCursor.HotY..], HotY);
    }

    /// <summary>Reads a cursor command from <paramref name="source"/>; false with a <paramref name="problem"/> when too short or not a cursor command.</summary>
    public static bool TryDecode(ReadOnlySpan<byte> source, out GpuUpdateCursor? command, out string problem)
    {
        command = null;
        uint type = source.Length >= GpuLayout.HeaderSize ? BinaryPrimitives.ReadUInt32LittleEndian(source) : 0;
        uint expected = type == GpuLayout.CmdMoveCursor ? GpuLayout.CmdMoveCursor : GpuLayout.CmdUpdateCursor;
        if (!GpuWire.TryHeader(source, GpuLayout.UpdateCursor.Size, expected, "virtio_gpu_update_cursor", out var header, out problem)) return false;
        var pos = source[GpuLayout.UpdateCursor.Pos..];
        command = new GpuUpdateCursor(header,
            BinaryPrimitives.ReadUInt32LittleEndian(pos[GpuLayout.CursorPos.ScanoutId..]),
            BinaryPrimitives.ReadUInt32LittleEndian(pos[GpuLayout.CursorPos.X..]),
            BinaryPrimitives.ReadUInt32LittleEndian(pos[GpuLayout.CursorPos.Y..]),
            BinaryPrimitives.ReadUInt32LittleEndian(source[GpuLayout.UpdateCursor.ResourceId..]),
            BinaryPrimitives.ReadUInt32LittleEndian(source[GpuLayout.UpdateCursor.HotX..]),
            BinaryPrimitives.ReadUInt32LittleEndian(source[GpuLayout.UpdateCursor.HotY..]));
        return true;
    }
}
