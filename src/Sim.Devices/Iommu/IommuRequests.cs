using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using static Sim.Devices.Iommu.IommuLayout;

namespace Sim.Devices.Iommu;

/// <summary>
/// The bytes of virtio-iommu requests (virtio 1.2, 5.13.6): <c>Encode*</c> builds the buffer a driver puts on the
/// request queue (tail included, zeroed, for the device to write), <see cref="TryDecode"/> is the device side.
/// Little-endian throughout (virtio 1.2, 1.4).
/// </summary>
public static class IommuRequests
{
    /// <summary>The 24-byte ATTACH buffer.</summary>
    public static byte[] EncodeAttach(uint domain, uint endpoint, uint flags = 0)
    {
        var buffer = NewBuffer(IommuRequestType.Attach, Attach.Size);
        BinaryPrimitives.WriteUInt32LittleEndian(buffer.AsSpan(Attach.Domain), domain);
        BinaryPrimitives.WriteUInt32LittleEndian(buffer.AsSpan(Attach.Endpoint), endpoint);
        BinaryPrimitives.WriteUInt32LittleEndian(buffer.AsSpan(Attach.Flags), flags);
        return buffer;
    }

    /// <summary>The 24-byte DETACH buffer.</summary>
    public static byte[] EncodeDetach(uint domain, uint endpoint)
    {
        var buffer = NewBuffer(IommuRequestType.Detach, Detach.Size);
        BinaryPrimitives.WriteUInt32LittleEndian(buffer.AsSpan(Detach.Domain), domain);
        BinaryPrimitives.WriteUInt32LittleEndian(buffer.AsSpan(Detach.Endpoint), endpoint);
        return buffer;
    }

    /// <summary>The 40-byte MAP buffer for IOVAs [<paramref name="virtStart"/>, <paramref name="virtEnd"/>] (inclusive).</summary>
    public static byte[] EncodeMap(uint domain, ulong virtStart, ulong virtEnd, ulong physStart, IommuMapFlags flags)
    {
        var buffer = NewBuffer(IommuRequestType.Map, Map.Size);
        BinaryPrimitives.WriteUInt32LittleEndian(buffer.AsSpan(Map.Domain), domain);
        BinaryPrimitives.WriteUInt64LittleEndian(buffer.AsSpan(Map.VirtStart), virtStart);
        BinaryPrimitives.WriteUInt64LittleEndian(buffer.AsSpan(Map.VirtEnd), virtEnd);
        BinaryPrimitives.WriteUInt64LittleEndian(buffer.AsSpan(Map.PhysStart), physStart);
        BinaryPrimitives.WriteUInt32LittleEndian(buffer.AsSpan(Map.Flags), (uint)flags);
        return buffer;
    }

    /// <summary>The 32-byte UNMAP buffer for IOVAs [<paramref name="virtStart"/>, <paramref name="virtEnd"/>] (inclusive).</summary>
    public static byte[] EncodeUnmap(uint domain, ulong virtStart, ulong virtEnd)
    {
        var buffer = NewBuffer(IommuRequestType.Unmap, Unmap.Size);
        BinaryPrimitives.WriteUInt32LittleEndian(buffer.AsSpan(Unmap.Domain), domain);
        BinaryPrimitives.WriteUInt64LittleEndian(buffer.AsSpan(Unmap.VirtStart), virtStart);
        BinaryPrimitives.WriteUInt64LittleEndian(buffer.AsSpan(Unmap.VirtEnd), virtEnd);
        return buffer;
    }

    /// <summary>The PROBE buffer: 72 bytes, <paramref name="probeSize"/> bytes of properties, the tail.</summary>
    public static byte[] EncodeProbe(uint endpoint, uint probeSize)
    {
        var buffer = NewBuffer(IommuRequestType.Probe, checked(Probe.Size + (int)probeSize + Tail.Size));
        BinaryPrimitives.WriteUInt32LittleEndian(buffer.AsSpan(Probe.Endpoint), endpoint);
        return buffer;
    }

    /// <summary>The bytes of <paramref name="request"/>, as its <c>Encode*</c> method builds them.</summary>
    public static byte[] Encode(IommuRequest request) => request switch
    {
        IommuAttach a => EncodeAttach(a.Domain, a.Endpoint, a.Flags),
        IommuDetach d => EncodeDetach(d.Domain, d.Endpoint),
        IommuMap m => EncodeMap(m.Domain, m.VirtStart, m.VirtEnd, m.PhysStart, m.Flags),
        IommuUnmap u => EncodeUnmap(u.Domain, u.VirtStart, u.VirtEnd),
        IommuProbe p => EncodeProbe(p.Endpoint, p.ProbeSize),
        _ => throw new ArgumentException($"unknown virtio-iommu request {request}", nameof(request)),
    };

    /// <summary>
    /// Decodes a whole request buffer (tail included). Fails with <see cref="IommuStatus.IoErr"/> when the buffer is
    /// shorter than a head plus a tail or not the size of its type, <see cref="IommuStatus.Unsupp"/> for an unknown
    /// type (5.13.6.1: "the device SHOULD set status to UNSUPP"), and <see cref="IommuStatus.Inval"/> when a reserved
    /// field of the device-readable part is not zero (5.13.6.1: the device "MUST reject the request and set status
    /// to INVAL"). On success <paramref name="status"/> is <see cref="IommuStatus.Ok"/>.
    /// </summary>
    public static bool TryDecode(ReadOnlySpan<byte> buffer, [NotNullWhen(true)] out IommuRequest? request, out byte status)
    {
        request = null;
        if (buffer.Length < Head.Size + Tail.Size) return Fail(IommuStatus.IoErr, out status);
        var type = (IommuRequestType)buffer[Head.Type];
        int expected = type switch
        {
            IommuRequestType.Attach => Attach.Size,
            IommuRequestType.Detach => Detach.Size,
            IommuRequestType.Map => Map.Size,
            IommuRequestType.Unmap => Unmap.Size,
            IommuRequestType.Probe => Math.Max(buffer.Length, Probe.Size + Tail.Size),
            _ => -1,
        };
        if (expected < 0) return Fail(IommuStatus.Unsupp, out status);
        if (buffer.Length != expected) return Fail(IommuStatus.IoErr, out status);
        if (!IsZero(buffer.Slice(Head.Reserved, 3))) return Fail(IommuStatus.Inval, out status);

        switch (type)
        {
            case IommuRequestType.Attach:
                if (!IsZero(buffer.Slice(Attach.Reserved, 4))) return Fail(IommuStatus.Inval, out status);
                request = new IommuAttach(U32(buffer, Attach.Domain), U32(buffer, Attach.Endpoint), U32(buffer, Attach.Flags));
                break;
            case IommuRequestType.Detach:
                if (!IsZero(buffer.Slice(Detach.Reserved, 8))) return Fail(IommuStatus.Inval, out status);
                request = new IommuDetach(U32(buffer, Detach.Domain), U32(buffer, Detach.Endpoint));
                break;
            case IommuRequestType.Map:
                request = new IommuMap(U32(buffer, Map.Domain), U64(buffer, Map.VirtStart), U64(buffer, Map.VirtEnd),
                    U64(buffer, Map.PhysStart), (IommuMapFlags)U32(buffer, Map.Flags));
                break;
            case IommuRequestType.Unmap:
                if (!IsZero(buffer.Slice(Unmap.Reserved, 4))) return Fail(IommuStatus.Inval, out status);
                request = new IommuUnmap(U32(buffer, Unmap.Domain), U64(buffer, Unmap.VirtStart), U64(buffer, Unmap.VirtEnd));
                break;
            default:
                if (!IsZero(buffer.Slice(Probe.Reserved, 64))) return Fail(IommuStatus.Inval, out status);
                request = new IommuProbe(U32(buffer, Probe.Endpoint), (uint)(buffer.Length - Probe.Size - Tail.Size));
                break;
        }
        status = IommuStatus.Ok;
        return true;
    }

    /// <summary>Writes the tail: <paramref name="status"/> into the last four bytes of <paramref name="buffer"/>, reserved bytes zeroed.</summary>
    public static void WriteStatus(Span<byte> buffer, byte status)
    {
        if (buffer.Length < Head.Size + Tail.Size) throw new ArgumentException($"a virtio-iommu request is at least {Head.Size + Tail.Size} bytes, this one {buffer.Length}", nameof(buffer));
        var tail = buffer[^Tail.Size..];
        tail.Clear();
        tail[Tail.Status] = status;
    }

    /// <summary>The status byte in the tail of <paramref name="buffer"/>.</summary>
    public static byte ReadStatus(ReadOnlySpan<byte> buffer) => buffer[buffer.Length - Tail.Size + Tail.Status];

    private static byte[] NewBuffer(IommuRequestType type, int size)
    {
        var buffer = new byte[size];
        buffer[Head.Type] = (byte)type;
        return buffer;
    }

    private static bool Fail(byte failure, out byte status)
    {
        status = failure;
        return false;
    }

    private static bool IsZero(ReadOnlySpan<byte> bytes) => !bytes.ContainsAnyExcept((byte)0);
    private static uint U32(ReadOnlySpan<byte> buffer, int offset) => BinaryPrimitives.ReadUInt32LittleEndian(buffer[offset..]);
    private static ulong U64(ReadOnlySpan<byte> buffer, int offset) => BinaryPrimitives.ReadUInt64LittleEndian(buffer[offset..]);
}
