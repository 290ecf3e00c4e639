using System.Buffers.Binary;

namespace Sim.Devices.Gpu;

/// <summary>
/// <c>struct virtio_gpu_ctrl_hdr</c> (virtio 1.2, 5.7.6.7; Linux <c>virtio_gpu.h</c>), the
/// <see cref="GpuLayout.HeaderSize"/> bytes that start every request and every response. The three padding bytes are
/// written as zero and ignored when read.
/// </summary>
/// <param name="Type">A command (<c>VIRTIO_GPU_CMD_*</c>) or response (<c>VIRTIO_GPU_RESP_*</c>) type.</param>
/// <param name="Flags"><see cref="GpuLayout.FlagFence"/>, <see cref="GpuLayout.FlagInfoRingIdx"/>.</param>
/// <param name="FenceId">The fence the device echoes in the response when <see cref="GpuLayout.FlagFence"/> is set.</param>
/// <param name="CtxId">The 3D context; 0 for the 2D commands.</param>
/// <param name="RingIdx">The fence timeline (with <see cref="GpuLayout.FlagInfoRingIdx"/>).</param>
public sealed record GpuCtrlHeader(uint Type, uint Flags, ulong FenceId, uint CtxId, byte RingIdx)
{
    /// <summary>A request header of <paramref name="type"/>, fenced with <paramref name="fenceId"/> when it is given.</summary>
    public static GpuCtrlHeader Command(uint type, ulong? fenceId = null) =>
        new(type, fenceId is null ? 0 : GpuLayout.FlagFence, fenceId ?? 0, 0, 0);

    /// <summary>
    /// The header of the response of <paramref name="type"/> to <paramref name="request"/>: with
    /// <see cref="GpuLayout.FlagFence"/> set in the request, the response sets it too and echoes fence_id, ctx_id and
    /// ring_idx (5.7.6.7); otherwise everything but the type is zero.
    /// </summary>
    public static GpuCtrlHeader ResponseTo(GpuCtrlHeader request, uint type)
    {
        ArgumentNullException.ThrowIfNull(request);
        if ((request.Flags & GpuLayout.FlagFence) == 0) return new GpuCtrlHeader(type, 0, 0, 0, 0);
        return new GpuCtrlHeader(type, request.Flags & (GpuLayout.FlagFence | GpuLayout.FlagInfoRingIdx), request.FenceId, request.CtxId, request.RingIdx);
    }

    /// <summary>Whether <see cref="GpuLayout.FlagFence"/> is set.</summary>
    public bool IsFenced => (Flags & GpuLayout.FlagFence) != 0;

    /// <summary>The <see cref="GpuLayout.HeaderSize"/> bytes of this header (a header-only request or response).</summary>
    public byte[] Encode()
    {
        var bytes = new byte[GpuLayout.HeaderSize];
        EncodeInto(bytes);
        return bytes;
    }

    /// <summary>Writes this header into the first <see cref="GpuLayout.HeaderSize"/> bytes of <paramref name="destination"/>.</summary>
    public void EncodeInto(Span<byte> destination)
    {
        GpuWire.Require(destination.Length, GpuLayout.HeaderSize, "virtio_gpu_ctrl_hdr");
        BinaryPrimitives.WriteUInt32LittleEndian(destination[GpuLayout.HeaderTypeOffset..], Type);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[GpuLayout.HeaderFlagsOffset..], Flags);
        BinaryPrimitives.WriteUInt64LittleEndian(destination[GpuLayout.HeaderFenceIdOffset..], FenceId);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[GpuLayout.HeaderCtxIdOffset..], CtxId);
        destination[GpuLayout.HeaderRingIdxOffset] = RingIdx;
        destination.Slice(GpuLayout.HeaderPaddingOffset, GpuLayout.HeaderSize - GpuLayout.HeaderPaddingOffset).Clear();
    }

    /// <summary>The header in the first <see cref="GpuLayout.HeaderSize"/> bytes of <paramref name="source"/>; throws when shorter.</summary>
    public static GpuCtrlHeader Decode(ReadOnlySpan<byte> source)
    {
        GpuWire.Require(source.Length, GpuLayout.HeaderSize, "virtio_gpu_ctrl_hdr");
        return new GpuCtrlHeader(
            BinaryPrimitives.ReadUInt32LittleEndian(source[GpuLayout.HeaderTypeOffset..]),
            BinaryPrimitives.ReadUInt32LittleEndian(source[GpuLayout.HeaderFlagsOffset..]),
            BinaryPrimitives.ReadUInt64LittleEndian(source[GpuLayout.HeaderFenceIdOffset..]),
            BinaryPrimitives.ReadUInt32LittleEndian(source[GpuLayout.HeaderCtxIdOffset..]),
            source[GpuLayout.HeaderRingIdxOffset]);
    }
}
