using System.Buffers.Binary;

namespace Sim.Devices.Virtio.Pci;

/// <summary>
/// The bytes of a function's 256-byte configuration space and, per byte, which bits the driver may change (PCI Local
/// Bus 3.0, 6.1: read-only bits ignore writes). The device sets any byte directly; a driver write goes through
/// <see cref="DriverWrite"/>, which keeps the read-only bits. Also knows where the virtio structure capabilities are, so
/// that a write into one can be reported (virtio 1.2, 4.1.4.1).
/// </summary>
internal sealed class PciConfigImage
{
    private readonly byte[] _bytes = new byte[PciConfigHeader.Size];
    private readonly byte[] _writable = new byte[PciConfigHeader.Size];
    private readonly List<(int Start, int Length)> _virtioCapabilities = [];

    /// <summary>The current contents.</summary>
    public ReadOnlySpan<byte> Bytes => _bytes;

    public byte Get8(int offset) => _bytes[offset];

    public ushort Get16(int offset) => BinaryPrimitives.ReadUInt16LittleEndian(_bytes.AsSpan(offset));

    public uint Get32(int offset) => BinaryPrimitives.ReadUInt32LittleEndian(_bytes.AsSpan(offset));

    /// <summary>The little-endian value of <paramref name="width"/> bytes at <paramref name="offset"/>.</summary>
    public uint Get(int offset, int width) => width switch
    {
        1 => Get8(offset),
        2 => Get16(offset),
        _ => Get32(offset),
    };

    public void Set8(int offset, byte value) => _bytes[offset] = value;

    public void Set16(int offset, ushort value) => BinaryPrimitives.WriteUInt16LittleEndian(_bytes.AsSpan(offset), value);

    public void Set32(int offset, uint value) => BinaryPrimitives.WriteUInt32LittleEndian(_bytes.AsSpan(offset), value);

    /// <summary>Device side: sets <paramref name="width"/> bytes at <paramref name="offset"/> to the low bytes of <paramref name="value"/>.</summary>
    public void Set(int offset, int width, uint value)
    {
        for (int i = 0; i < width; i++) _bytes[offset + i] = (byte)(value >> (8 * i));
    }

    /// <summary>Lets the driver change the bits of <paramref name="mask"/> in the <paramref name="width"/> bytes at <paramref name="offset"/>.</summary>
    public void AllowWrites(int offset, int width, uint mask)
    {
        for (int i = 0; i < width; i++) _writable[offset + i] = (byte)(mask >> (8 * i));
    }

    /// <summary>Records a virtio structure capability at [<paramref name="start"/>, +<paramref name="length"/>).</summary>
    public void MarkVirtioCapability(int start, int length) => _virtioCapabilities.Add((start, length));

    /// <summary>
    /// A driver write: only writable bits change. Returns whether the write reached a read-only byte of a virtio
    /// structure capability (a byte with no writable bit inside one).
    /// </summary>
    public bool DriverWrite(int offset, int width, uint value)
    {
        bool intoCapability = false;
        for (int i = 0; i < width; i++)
        {
            int at = offset + i;
            byte mask = _writable[at];
            _bytes[at] = (byte)((_bytes[at] & ~mask) | ((byte)(value >> (8 * i)) & mask));
            if (mask == 0 && IsVirtioCapability(at)) intoCapability = true;
        }
        return intoCapability;
    }

    /// <summary>Whether byte <paramref name="offset"/> belongs to a virtio structure capability.</summary>
    public bool IsVirtioCapability(int offset) =>
        _virtioCapabilities.Any(c => offset >= c.Start && offset < c.Start + c.Length);

    /// <summary>Whether [<paramref name="offset"/>, +<paramref name="width"/>) overlaps [<paramref name="start"/>, +<paramref name="length"/>).</summary>
    public static bool Overlaps(int offset, int width, int start, int length) => offset < start + length && start < offset + width;
}
